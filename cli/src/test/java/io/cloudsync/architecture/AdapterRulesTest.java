package io.cloudsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An adapter knows the port, the domain and its own SDK, and nobody else. */
class AdapterRulesTest {

  /** The SDK packages of each cloud; an adapter may use its own and no other. */
  static final Map<String, List<String>> SDKS =
      Map.of(
          "adapter-local", List.of(),
          "adapter-s3", List.of("software.amazon.."),
          "adapter-azure", List.of("com.azure.."),
          "adapter-gcs", List.of("com.google.cloud..", "com.google.auth.."));

  @ParameterizedTest
  @ValueSource(strings = {"adapter-local", "adapter-s3", "adapter-azure", "adapter-gcs"})
  void adapterImportsOnlyThePortTheDomainAndItsOwnClasses(String adapter) {
    classes()
        .that(Modules.inModule(adapter))
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("io.cloudsync..")
                .or(resideInAnyPackage("io.cloudsync.core..", "io.cloudsync.storage.."))
                .or(Modules.inModule(adapter)))
        .because(
            "a provider JAR must work alone on any class path, without the engine, the cache,"
                + " the CLI or another adapter")
        .allowEmptyShould(true)
        .check(Modules.classes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"adapter-local", "adapter-s3", "adapter-azure", "adapter-gcs"})
  void adapterUsesNoOtherCloudsSdk(String adapter) {
    String[] others =
        SDKS.entrySet().stream()
            .filter(e -> !e.getKey().equals(adapter))
            .flatMap(e -> e.getValue().stream())
            .toArray(String[]::new);
    noClasses()
        .that(Modules.inModule(adapter))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(others)
        .because("dropping one provider JAR must never break another provider")
        .allowEmptyShould(true)
        .check(Modules.classes());
  }
}
