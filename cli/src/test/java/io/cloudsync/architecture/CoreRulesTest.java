package io.cloudsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

/** The domain and the port stay free of frameworks, SDKs and I/O libraries. */
class CoreRulesTest {

  @Test
  void coreImportsOnlyTheJdk() {
    classes()
        .that(Modules.inModule("core"))
        .should()
        .onlyDependOnClassesThat(resideInAnyPackage("java..", "io.cloudsync.core.."))
        .because("the domain must be usable and testable anywhere, with no framework or SDK")
        .check(Modules.classes());
  }

  @Test
  void portStorageImportsOnlyCoreAndTheJdk() {
    classes()
        .that(Modules.inModule("port-storage"))
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage("java..", "io.cloudsync.core..", "io.cloudsync.storage.."))
        .because("a provider author implements the port without pulling in anything but the domain")
        .check(Modules.classes());
  }
}
