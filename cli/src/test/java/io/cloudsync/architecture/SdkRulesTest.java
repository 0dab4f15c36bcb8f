package io.cloudsync.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/** Cloud SDKs stay inside their adapters. */
class SdkRulesTest {

  @Test
  void onlyTheS3AdapterImportsTheAwsSdk() {
    noClasses()
        .that(not(Modules.inModule("adapter-s3")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..")
        .because("the AWS SDK is an implementation detail of the s3:// provider JAR")
        .check(Modules.classes());
  }

  @Test
  void onlyTheAzureAdapterImportsTheAzureSdk() {
    noClasses()
        .that(not(Modules.inModule("adapter-azure")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.azure..")
        .because("the Azure SDK is an implementation detail of the az:// provider JAR")
        .check(Modules.classes());
  }

  @Test
  void onlyTheGcsAdapterImportsTheGoogleCloudSdk() {
    noClasses()
        .that(not(Modules.inModule("adapter-gcs")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.google.cloud..", "com.google.auth..")
        .because("the Google Cloud SDK is an implementation detail of the gs:// provider JAR")
        .check(Modules.classes());
  }
}
