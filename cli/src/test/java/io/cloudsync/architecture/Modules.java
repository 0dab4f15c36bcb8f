package io.cloudsync.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The production classes of every cloudsync module, and predicates that tell which module a class
 * comes from. A class's module is read from where it was loaded ({@code <module>/target/classes} in
 * a build, {@code cloudsync-<module>-<version>.jar} otherwise), so the rules hold whatever packages
 * a module chooses.
 */
final class Modules {
  static final List<String> ADAPTERS =
      List.of("adapter-local", "adapter-s3", "adapter-azure", "adapter-gcs");

  private static JavaClasses classes;

  private Modules() {}

  /** Every class under {@code io.cloudsync}, tests excluded; imported once per test run. */
  static synchronized JavaClasses classes() {
    if (classes == null) {
      classes =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("io.cloudsync");
    }
    return classes;
  }

  /** Classes loaded from the module in folder {@code folder}. */
  static DescribedPredicate<JavaClass> inModule(String folder) {
    Pattern where =
        Pattern.compile(
            ".*(/"
                + Pattern.quote(folder)
                + "/target/classes/|/cloudsync-"
                + Pattern.quote(folder)
                + "-[^/]*\\.jar!/).*");
    return DescribedPredicate.describe(
        "in module " + folder,
        c -> c.getSource().map(s -> where.matcher(s.getUri().toString()).matches()).orElse(false));
  }

  /** Classes loaded from any of the modules {@code folders}. */
  static DescribedPredicate<JavaClass> inAnyModule(List<String> folders) {
    DescribedPredicate<JavaClass> any = DescribedPredicate.alwaysFalse();
    for (String folder : folders) {
      any = any.or(inModule(folder));
    }
    return any.as("in any of " + folders);
  }
}
