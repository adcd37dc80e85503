package com.conecta.hub.operations;

import com.conecta.connectors.email.SmtpSender;
import com.conecta.hub.channels.clients.ChannelClients;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.foundation.FoundationModule;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.marketing.bot.BotStore;
import com.conecta.hub.marketing.bot.HandoffNotifier;
import com.conecta.hub.messaging.MessagingModule;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.operations.assignment.AssignmentRoutes;
import com.conecta.hub.operations.assignment.AssignmentService;
import com.conecta.hub.operations.assignment.AssignmentStore;
import com.conecta.hub.operations.assignment.RoundRobinCursor;
import com.conecta.hub.operations.notify.AssignmentNoticeStore;
import com.conecta.hub.operations.notify.AssignmentNotices;
import com.conecta.hub.operations.notify.NotificationRoutes;
import com.conecta.hub.operations.notify.NotificationService;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.operations.notify.NotificationWorker;
import com.conecta.hub.operations.report.BusinessLineReportStore;
import com.conecta.hub.operations.report.ReportRoutes;
import com.conecta.hub.operations.report.ReportService;
import com.conecta.hub.operations.report.ReportStore;
import com.conecta.hub.operations.report.WeeklySummary;
import com.conecta.hub.operations.supervision.AuditRoutes;
import com.conecta.hub.operations.supervision.AuditService;
import com.conecta.hub.operations.supervision.AuditStore;
import com.conecta.hub.operations.supervision.SupervisionRoutes;
import com.conecta.hub.operations.supervision.SupervisionService;
import com.conecta.hub.operations.supervision.SupervisionStore;
import com.conecta.hub.operations.team.TeamRoutes;
import com.conecta.hub.operations.team.TeamService;
import com.conecta.hub.operations.team.TeamStore;
import com.conecta.hub.operations.team.UserRoleRoutes;
import com.conecta.hub.operations.team.UserRoleService;
import com.conecta.hub.operations.team.UserRoleStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who works what and who is told: teams and roles, round-robin assignment, notices to users (in the app, by email,
 * by WhatsApp), reports with the weekly summary, and the supervisors' screens.
 */
public final class OperationsModule {
  private final NodeResources node;
  private final FoundationModule foundation;
  private final TeamStore teams;
  private final NotificationStore notifications;
  private final AssignmentService assignment;
  private final NotificationWorker notificationWorker;
  private final ReportStore reportStore;
  private final ReportService reports;
  private final WeeklySummary weeklySummary;

  public OperationsModule(NodeResources node, FoundationModule foundation, ChannelClients channels,
      MessagingModule messaging, BusinessCatalogue catalogue) {
    HubConfig config = node.config();
    this.node = node;
    this.foundation = foundation;
    this.teams = new TeamStore(node.pool());
    this.notifications = new NotificationStore(node.pool());
    this.assignment = new AssignmentService(new AssignmentStore(node.pool()), new ConversationStore(node.pool()),
        messaging.conversations(), new RoundRobinCursor(node.vertx(), node.redis()), node.broker(),
        new AssignmentService.Settings(config.assignment().presenceSeconds(), config.assignment().releaseOnOffline()),
        // A conversation assigned → the agent's hand-off notice (in the assignment's transaction).
        List.of(new HandoffNotifier(new BotStore(node.pool()), notifications),
            new AssignmentNotices(new AssignmentNoticeStore(), notifications)));
    this.notificationWorker = new NotificationWorker(node.vertx(), notifications, node.broker(),
        new SmtpSender(node.vertx()), channels.whatsapp(), messaging.inboxes(), messaging.templates(),
        config.notifications(), node.nodeId());
    // Reports: JSON/CSV API, the hourly message rollup they read, and the supervisors' weekly summary.
    this.reportStore = new ReportStore(node.side().reports());
    this.reports = new ReportService(reportStore, new BusinessLineReportStore(node.side().reports(), catalogue),
        config.reports(), Clock.systemUTC());
    this.weeklySummary = new WeeklySummary(reports, reportStore, notifications, node.pool(), Clock.systemUTC(),
        config.publicBaseUrl());
  }

  public TeamStore teams() {
    return teams;
  }

  /** The users' notices, which other features write inside their own transactions. */
  public NotificationStore notifications() {
    return notifications;
  }

  public AssignmentService assignment() {
    return assignment;
  }

  /** Sends the notices by email and WhatsApp; in sandbox mode its email goes to the local mail server. */
  public NotificationWorker notificationWorker() {
    return notificationWorker;
  }

  public void register(RouteSteps http) {
    AuthService auth = foundation.auth();
    http.api(new TeamRoutes(new TeamService(teams, auth))::register);
    http.api(new AssignmentRoutes(assignment)::register);
    http.api(new NotificationRoutes(new NotificationService(notifications))::register);
    http.api(new ReportRoutes(reports, weeklySummary)::register);
    // Supervision (web inbox): team load, inbox settings with write-only secrets, bot flows as source.
    http.api(new SupervisionRoutes(new SupervisionService(node.vertx(),
        new SupervisionStore(node.pool(), foundation.channelSecrets()), node.config().assignment().presenceSeconds(),
        auth::forgetUser))::register);
    // Security (issue 11): the audit log and role changes.
    http.api(new AuditRoutes(new AuditService(new AuditStore(node.pool())))::register);
    http.api(new UserRoleRoutes(new UserRoleService(new UserRoleStore(node.pool()), new AuditLog(), auth))::register);
  }

  public List<BackgroundVerticle.Periodic> passes() {
    return List.of(
        new BackgroundVerticle.Periodic("assignment", node.config().assignment().tickSeconds() * 1000L,
            assignment::tick),
        new BackgroundVerticle.Periodic("report rollup", 60_000, reportStore::rollUp),
        new BackgroundVerticle.Periodic("weekly summary", 15 * 60_000, weeklySummary::tick));
  }

  /** The notices' delivery, on a verticle of its own. */
  public Supplier<BackgroundVerticle> noticeSender() {
    return () -> new BackgroundVerticle("notifications", List.of(new BackgroundVerticle.Worker("notifications",
        notificationWorker::start, notificationWorker::stop)), List.of());
  }
}
