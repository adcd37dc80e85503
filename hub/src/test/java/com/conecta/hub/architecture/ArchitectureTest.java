package com.conecta.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The module and layer boundaries of ARCHITECTURE.md")
class ArchitectureTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.conecta");

  @Test
  @DisplayName("connectors, bots and templates never depend on the hub")
  void lowerModulesDoNotKnowTheHub() {
    noClasses().that().resideInAnyPackage("com.conecta.connectors..", "com.conecta.bots..", "com.conecta.templates..")
        .should().dependOnClassesThat().resideInAPackage("com.conecta.hub..").check(classes);
  }

  @Test
  @DisplayName("no Routes class calls a Store: HTTP goes through a service")
  void routesDoNotCallStores() {
    noClasses().that().haveSimpleNameEndingWith("Routes").should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
        .check(classes);
  }

  @Test
  @DisplayName("the Twilio SDK and Jakarta Mail are used only inside their connector packages; OpenNLP only in bots")
  void providerLibrariesStayInTheirPackages() {
    noClasses().that().resideOutsideOfPackage("com.conecta.connectors.twilio..")
        .should().dependOnClassesThat().resideInAPackage("com.twilio..").check(classes);
    noClasses().that().resideOutsideOfPackage("com.conecta.connectors.email..")
        .should().dependOnClassesThat().resideInAPackage("jakarta.mail..").check(classes);
    noClasses().that().resideOutsideOfPackage("com.conecta.bots..")
        .should().dependOnClassesThat().resideInAPackage("opennlp..").check(classes);
  }
}
