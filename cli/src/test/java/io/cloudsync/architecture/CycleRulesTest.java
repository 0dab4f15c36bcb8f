package io.cloudsync.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

/** Packages form a tree of dependencies, never a loop. */
class CycleRulesTest {

  @Test
  void noCyclesBetweenModules() {
    slices()
        .matching("io.cloudsync.(*)..")
        .should()
        .beFreeOfCycles()
        .because(
            "modules are built and released in dependency order, which a cycle makes impossible")
        .check(Modules.classes());
  }

  @Test
  void noPackageCycles() {
    slices()
        .matching("io.cloudsync.(**)")
        .should()
        .beFreeOfCycles()
        .because("a cycle welds packages together so neither can change or be tested alone")
        .check(Modules.classes());
  }
}
