package io.cloudsync.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI sits on top: nothing depends on it, and it finds adapters only at run time. */
class LayerRulesTest {

  @Test
  void nothingImportsTheCli() {
    noClasses()
        .that(not(Modules.inModule("cli")))
        .should()
        .dependOnClassesThat(Modules.inModule("cli"))
        .because("the CLI is a thin shell over the library; the library must work without it")
        .check(Modules.classes());
  }

  @Test
  void theCliImportsNoAdapter() {
    noClasses()
        .that(Modules.inModule("cli"))
        .should()
        .dependOnClassesThat(Modules.inAnyModule(Modules.ADAPTERS))
        .because(
            "providers are found through ServiceLoader, so a provider JAR is added without code")
        .check(Modules.classes());
  }

  @Test
  void onlyTheEngineAndTheCliUseGuice() {
    noClasses()
        .that(not(Modules.inAnyModule(List.of("sync-engine", "cli"))))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.inject..")
        .because("adapters and the domain are plain classes that work with or without Guice")
        .check(Modules.classes());
  }
}
