package com.conecta.hub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hub's inner structure (issue 24): feature packages without cycles, and SQL only where it is owned. Written to
 * hold both for the flat layout ({@code com.conecta.hub.messaging.inbox}) and after {@code tools/arrange-packages.sh} has moved
 * the features into families ({@code com.conecta.hub.messaging.inbox}): a feature is the first package under the hub,
 * or under its family.
 */
@DisplayName("The hub's feature packages and where SQL runs")
class PackageRulesTest {
  /** The family packages of tools/arrange-packages.sh; a feature under one of them is the package below it. */
  static final Set<String> FAMILIES =
      Set.of("channels", "messaging", "customers", "commerce", "fieldservice", "marketing", "operations", "foundation");

  /**
   * Classes other than *Store that may run SQL (Query, Row, Tuple ...), each for a reason:
   * AuditLog — the one audit insert, written into whichever transaction the audited action owns;
   * SegmentSql — builds the audience condition CampaignStore runs, with its parameters;
   * Rows — the row mappers the conversation stores share;
   * ReportSection, WeeklySummary — turn the report store's row sets into tables (the SQL stays in ReportStore);
   * HealthRoutes — the readiness probe's "select 1";
   * Database — builds the pools;
   * DemoSeeder — writes the sandbox's demo data at start (sandbox only);
   * OptOuts — still holds its SQL (to move into CampaignStore: known debt, issue 24).
   */
  static final Set<String> SQL_OUTSIDE_STORES = Set.of("AuditLog", "SegmentSql", "Rows", "ReportSection",
      "WeeklySummary", "HealthRoutes", "Database", "DemoSeeder", "OptOuts");

  /** The types that run SQL or read its answers; Pool, SqlConnection and SqlClient are transaction handles. */
  private static final List<String> SQL_RUNNING = List.of("io.vertx.sqlclient.Query", "io.vertx.sqlclient.PreparedQuery",
      "io.vertx.sqlclient.Row", "io.vertx.sqlclient.RowSet", "io.vertx.sqlclient.RowIterator",
      "io.vertx.sqlclient.Tuple");

  /**
   * Classes that hold a transaction handle (Pool, SqlConnection, SqlClient) without being a Store, Service or Module
   * (which own the business transactions): Hub — wires the pools; Database — builds them; the ones named in
   * SQL_OUTSIDE_STORES; and helpers that act inside their service's transaction: HandoffNotifier and KnownCustomer
   * (bot), AssignmentNotices (notify), AccountTaxIds (crm), TicketDueTimes (ticket), QuoteFollowUps (quotes),
   * RotateSecretsCommand (a command-line action, its own transaction); field service's services split by concern
   * (ServiceRequests, ServiceStatusMachine, ServiceChecklist, VisitReports, AtRiskOrders — each owns its transaction —
   * and CoordinatorNotices, which writes inside theirs); the webhook delivery worker (closes an attempt and its
   * subscription's failure count in one transaction) and WebhookSwitchOffNotices (inside that transaction);
   * assignment split by concern (AgentChooser and AgentPresence own their transactions, AssignmentRecorder writes
   * inside them); NodeResources, the pools every feature module is built on.
   * Nested classes count as their outer class.
   */
  static final Set<String> TRANSACTION_HELPERS = Set.of("Hub", "HandoffNotifier", "KnownCustomer",
      "AssignmentNotices", "AccountTaxIds", "TicketDueTimes", "QuoteFollowUps", "RotateSecretsCommand",
      "ServiceRequests", "ServiceStatusMachine", "ServiceChecklist", "VisitReports", "AtRiskOrders",
      "CoordinatorNotices", "WebhookDeliveryWorker", "WebhookSwitchOffNotices", "AgentChooser", "AgentPresence",
      "AssignmentRecorder", "NodeResources");

  private final JavaClasses hub = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.conecta.hub");

  @Test
  @DisplayName("no two feature packages of the hub depend on each other in a cycle")
  void featurePackagesHaveNoCycles() {
    slices().assignedFrom(new FeatureSlices()).should().beFreeOfCycles().check(hub);
  }

  @Test
  @DisplayName("SQL runs only in *Store classes and the few named exceptions")
  void sqlRunsInStores() {
    noClasses().that(areOutside(Set.of(), SQL_OUTSIDE_STORES, "Store"))
        .should().dependOnClassesThat(DescribedPredicate.describe("run SQL or read its rows",
            c -> SQL_RUNNING.contains(c.getName())))
        .check(hub);
  }

  @Test
  @DisplayName("the SQL client's transaction handles are held only by stores, services, modules and named helpers")
  void transactionHandlesStayWithTheirOwners() {
    noClasses().that(areOutside(TRANSACTION_HELPERS, SQL_OUTSIDE_STORES, "Store", "Service", "Module"))
        .should().dependOnClassesThat().resideInAPackage("io.vertx.sqlclient..")
        .check(hub);
  }

  /** Classes whose top-level class is not named with one of the suffixes nor listed. */
  private static DescribedPredicate<JavaClass> areOutside(Set<String> listed, Set<String> alsoListed, String... suffixes) {
    return DescribedPredicate.describe("are not named *" + String.join("/*", suffixes) + " nor listed", c -> {
      String top = topLevel(c).getSimpleName();
      return !listed.contains(top) && !alsoListed.contains(top)
          && Arrays.stream(suffixes).noneMatch(top::endsWith);
    });
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  /** A feature slice: com.conecta.hub.X.. or, under a family, com.conecta.hub.F.X..; the root package is the wiring. */
  static final class FeatureSlices implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      if (!pkg.startsWith("com.conecta.hub.")) {
        return SliceIdentifier.ignore();
      }
      String[] parts = pkg.substring("com.conecta.hub.".length()).split("\\.");
      return FAMILIES.contains(parts[0]) && parts.length > 1 ? SliceIdentifier.of(parts[0] + "." + parts[1])
          : SliceIdentifier.of(parts[0]);
    }

    @Override
    public String getDescription() {
      return "the hub's feature packages";
    }
  }
}
