package com.conecta.hub;

import com.conecta.connectors.ChannelSender;
import com.conecta.hub.operations.assignment.AssignmentRoutes;
import com.conecta.hub.operations.assignment.AssignmentService;
import com.conecta.hub.operations.assignment.AssignmentStore;
import com.conecta.hub.operations.assignment.AutoAssignOnIngest;
import com.conecta.hub.operations.assignment.RoundRobinCursor;
import com.conecta.connectors.whatsapp.WhatsAppCloudClient;
import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.bots.flow.FlowEngine;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.channels.webform.FormRoutes;
import com.conecta.hub.channels.webform.FormService;
import com.conecta.hub.channels.webform.FormStore;
import com.conecta.hub.marketing.bot.BotFlows;
import com.conecta.hub.marketing.bot.BotRoutes;
import com.conecta.hub.marketing.bot.BotService;
import com.conecta.hub.marketing.bot.BotStore;
import java.time.ZoneId;
import com.conecta.hub.commerce.erp.ErpRoutes;
import com.conecta.hub.commerce.erp.ErpService;
import com.conecta.hub.commerce.erp.ErpStore;
import com.conecta.hub.marketing.reminder.ReminderRules;
import com.conecta.hub.marketing.reminder.ReminderService;
import com.conecta.hub.marketing.reminder.ReminderStore;
import com.conecta.hub.messaging.template.TemplateRoutes;
import com.conecta.templates.TemplateCatalogue;
import com.conecta.hub.marketing.campaign.CampaignRoutes;
import com.conecta.hub.marketing.campaign.CampaignService;
import com.conecta.hub.marketing.campaign.CampaignStore;
import com.conecta.hub.marketing.campaign.OptOutOnIngest;
import com.conecta.hub.marketing.campaign.OptOuts;
import com.conecta.hub.foundation.sandbox.SandboxPhoneRoutes;
import com.conecta.connectors.twilio.TwilioSender;
import com.conecta.hub.channels.media.InboundMediaFetcher;
import com.conecta.hub.channels.twilio.TwilioWebhookRoutes;
import com.conecta.hub.channels.whatsapp.WhatsAppReadMarker;
import com.conecta.hub.channels.whatsapp.WhatsAppWebhookRoutes;
import com.conecta.hub.messaging.delivery.DeliveryService;
import com.conecta.hub.messaging.delivery.DeliveryStore;
import com.conecta.hub.channels.media.LocalMediaStorage;
import com.conecta.hub.channels.media.MediaRoutes;
import com.conecta.hub.channels.media.MediaService;
import com.conecta.hub.channels.media.MediaStore;
import com.conecta.hub.messaging.sending.SendRateLimiter;
import com.conecta.hub.foundation.auth.AuthHandler;
import com.conecta.hub.foundation.auth.AuthRoutes;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.AuthStore;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.customers.contact.ContactMergeService;
import com.conecta.hub.customers.contact.ContactMergeStore;
import com.conecta.hub.customers.contact.ContactRoutes;
import com.conecta.hub.messaging.conversation.ConversationRoutes;
import com.conecta.hub.messaging.conversation.ConversationService;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.customers.crm.CrmResources;
import com.conecta.hub.customers.crm.CrudRoutes;
import com.conecta.hub.customers.crm.CrudService;
import com.conecta.hub.customers.crm.CrudStore;
import com.conecta.hub.customers.crm.ResourceSpec;
import com.conecta.hub.customers.activity.ActivityRoutes;
import com.conecta.hub.customers.activity.ActivityService;
import com.conecta.hub.customers.activity.ActivityStore;
import com.conecta.hub.customers.customfield.CustomFieldRoutes;
import com.conecta.hub.customers.customfield.CustomFieldService;
import com.conecta.hub.customers.customfield.CustomFieldStore;
import com.conecta.hub.customers.ticket.TicketDueTimes;
import com.conecta.hub.customers.ticket.TicketStore;
import com.conecta.hub.foundation.health.HealthRoutes;
import com.conecta.hub.messaging.inbox.InboxRoutes;
import com.conecta.hub.messaging.inbox.InboxService;
import com.conecta.hub.messaging.inbox.InboxStore;
import com.conecta.hub.messaging.inbox.IngestBatcher;
import com.conecta.hub.messaging.inbox.IngestService;
import com.conecta.hub.messaging.inbox.IngestStore;
import com.conecta.hub.messaging.outbox.ApiChannelSender;
import com.conecta.hub.messaging.outbox.OutboxStore;
import com.conecta.hub.messaging.outbox.OutboxWorker;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.operations.notify.NotificationStore;
import com.conecta.hub.messaging.realtime.EventStreamRoutes;
import com.conecta.hub.operations.report.ReportRoutes;
import com.conecta.hub.operations.report.ReportService;
import com.conecta.hub.operations.report.ReportStore;
import com.conecta.hub.operations.report.WeeklySummary;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.operations.team.TeamRoutes;
import com.conecta.hub.operations.team.TeamStore;
import com.conecta.hub.foundation.web.ErrorResponses;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.hub.foundation.web.WebPages;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.Deployments;
import com.conecta.hub.foundation.runtime.RouteSteps;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: wires the features together on a database and a Redis, serves HTTP, runs the workers.
 * Several nodes on one database and Redis are the way to scale.
 */
public final class Hub {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  private final Vertx vertx;
  private final Pool pool;
  private final RedisLink redis;
  private final RealtimeBroker broker;
  private final List<String> httpDeployments;
  private final List<String> backgroundDeployments;
  private final int port;
  private final RouteTable routes;
  private final FakeWhatsAppCloudApi fake;
  private final Database.SidePools sidePools;
  private final com.conecta.hub.foundation.auth.SignInInvalidations invalidations;
  private final Future<Void> warmUp;
  private final com.conecta.hub.foundation.runtime.PeriodicPasses jobs; // test kit (issue 24): passes run on demand

  private Hub(Vertx vertx, Pool pool, RedisLink redis, RealtimeBroker broker, List<String> httpDeployments,
      List<String> backgroundDeployments, int port, RouteTable routes, FakeWhatsAppCloudApi fake,
      Database.SidePools sidePools, com.conecta.hub.foundation.auth.SignInInvalidations invalidations, Future<Void> warmUp,
      com.conecta.hub.foundation.runtime.PeriodicPasses jobs) {
    this.jobs = jobs;
    this.invalidations = invalidations;
    this.warmUp = warmUp;
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.broker = broker;
    this.httpDeployments = httpDeployments;
    this.backgroundDeployments = backgroundDeployments;
    this.port = port;
    this.routes = routes;
    this.fake = fake;
    this.sidePools = sidePools;
  }

  /** Meta's Graph API; in sandbox mode the hub talks to its built-in fake instead. */
  static final String META_GRAPH = "https://graph.facebook.com";
  static final String SANDBOX_APP_SECRET = "sandbox-app-secret";
  static final String SANDBOX_VERIFY_TOKEN = "sandbox-verify-token";

  /** Starts a node on the given database and Redis URLs (null Redis = single-node). */
  public static Future<Hub> start(Vertx vertx, HubConfig config, PrometheusMeterRegistry metrics, String dbUrl,
      String redisUrl) {
    boolean fakeGraph = config.sandbox().enabled() && META_GRAPH.equals(config.whatsapp().graphBaseUrl());
    FakeWhatsAppCloudApi fake = fakeGraph ? new FakeWhatsAppCloudApi(vertx) : null;
    Future<Integer> fakeStarted = fake == null ? Future.succeededFuture(0) : fake.start(0);
    return fakeStarted.compose(p -> Database.migrate(vertx, dbUrl)).compose(v -> {
      Pool pool = Database.pool(vertx, dbUrl, config.db().poolSize());
      RedisLink redis = new RedisLink(vertx, redisUrl, config.redis().prefix());
      RealtimeBroker broker = new RealtimeBroker(vertx, redis);
      Database.SidePools side = new Database.SidePools(Database.reportPool(vertx, dbUrl, 4),
          Database.queuePool(vertx, dbUrl, Math.max(2, config.db().poolSize() / 2)));
      return assemble(vertx, config, metrics, pool, redis, broker, fake, side);
    });
  }

  private static Future<Hub> assemble(Vertx vertx, HubConfig config, PrometheusMeterRegistry metrics, Pool pool,
      RedisLink redis, RealtimeBroker broker, FakeWhatsAppCloudApi fake, Database.SidePools side) {
    String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    com.conecta.hub.foundation.auth.SignInInvalidations invalidations = new com.conecta.hub.foundation.auth.SignInInvalidations(vertx, redis);
    com.conecta.hub.foundation.secrets.SecretBox secretBox = com.conecta.hub.foundation.secrets.SecretKeys.load(config);
    com.conecta.hub.foundation.secrets.SecretSettings channelSecrets = new com.conecta.hub.foundation.secrets.SecretSettings(secretBox);
    com.conecta.hub.foundation.twofactor.TwoFactorModule twoFactor = com.conecta.hub.foundation.twofactor.TwoFactorModule.create(pool, secretBox);
    AuthService auth = new AuthService(vertx, new AuthStore(pool), PasswordHasher.from(config), new Tokens(),
        config.auth().sessionHours(), new com.conecta.hub.foundation.auth.SignInLimiter(redis, config.auth().failuresPerAccount(),
            config.auth().failuresPerIp(), config.auth().windowMinutes()), new AuditLog(), invalidations, twoFactor.gate());
    AuthHandler authHandler = new AuthHandler(auth);
    InboxService inboxes = new InboxService(new InboxStore(pool, channelSecrets));
    com.conecta.hub.foundation.config.OutboxSettings outboxSettings = com.conecta.hub.foundation.config.OutboxSettings.from(config);
    WhatsAppCloudClient whatsapp = new WhatsAppCloudClient(vertx,
        fake != null ? fake.baseUrl() : config.whatsapp().graphBaseUrl(), config.whatsapp().apiVersion(),
        outboxSettings.whatsappTimeoutMs());
    MediaService media = new MediaService(new LocalMediaStorage(vertx, config.dataDir().resolve("media")),
        new MediaStore(pool), config.ingest().mediaMaxBytes());
    com.conecta.hub.operations.notify.NotificationStore notificationStore = new com.conecta.hub.operations.notify.NotificationStore(pool);
    // A conversation read by an agent → WhatsApp's blue ticks for the customer.
    ConversationService conversations = new ConversationService(new ConversationStore(pool), broker, media::resolve,
        List.of(new WhatsAppReadMarker(whatsapp, inboxes)));
    IngestService ingest = new IngestService(
        new IngestBatcher(new IngestStore(pool), config.ingest().batchSize(), Math.max(1, config.db().poolSize() - 2)),
        broker, conversations, metrics, new com.conecta.hub.messaging.inbox.StaffSenders(new com.conecta.hub.messaging.inbox.StaffStore(pool)),
        com.conecta.hub.messaging.reaction.ReactionWorker.nudger(vertx));
    TeamStore teams = new TeamStore(pool);

    RouteSteps http = new RouteSteps(authHandler);
    http.router(WebPages::securityHeaders);
    DeliveryService delivery = new DeliveryService(new DeliveryStore(pool), broker);
    String appSecret = !config.whatsapp().appSecret().isEmpty() ? config.whatsapp().appSecret()
        : config.sandbox().enabled() ? SANDBOX_APP_SECRET : "";
    String verifyToken = !config.whatsapp().verifyToken().isEmpty() ? config.whatsapp().verifyToken()
        : config.sandbox().enabled() ? SANDBOX_VERIFY_TOKEN : "";
    if (appSecret.isEmpty()) {
      log.warn("whatsapp.app-secret is not set: WhatsApp webhooks are refused until it is");
    }
    // WhatsApp templates managed with Meta (issue 25): kept per account, Meta's decisions arrive by the webhook.
    var waTemplates = com.conecta.hub.channels.whatsapptemplate.WhatsAppTemplateModule.create(vertx, pool, inboxes,
        fake != null ? fake.baseUrl() : config.whatsapp().graphBaseUrl(), config.whatsapp().apiVersion(), config.sandbox().enabled());
    http.router(new WhatsAppWebhookRoutes(appSecret, verifyToken, inboxes, ingest, delivery, metrics)
        .accountEvents(waTemplates::onAccountEvent)::register);
    com.conecta.hub.fieldservice.service.WorkSettings work = com.conecta.hub.fieldservice.service.WorkSettings.from(config.raw());
    // Contact import and export (issue 25): CSV uploads go to disk up to their own limit.
    com.conecta.hub.customers.contact.transfer.ContactTransferSettings transferSettings =
        com.conecta.hub.customers.contact.transfer.ContactTransferSettings.from(config.raw(), config.dataDir());
    // Uploads take files up to the media limit; every other API body stays small.
    http.router(router -> {
      ErrorResponses.noteBodyLimits(router, config.http().maxBodyBytes(), config.ingest().mediaMaxBytes());
      com.conecta.hub.customers.contact.transfer.ContactTransferRoutes.uploadBodyHandler(router, config.dataDir().resolve("uploads"),
          transferSettings.maxUploadBytes());
      router.post("/api/v1/conversations/:conversationId/attachments").handler(BodyHandler.create(true)
          .setUploadsDirectory(config.dataDir().resolve("uploads").toString()).setDeleteUploadedFilesOnEnd(true)
          .setBodyLimit(config.ingest().mediaMaxBytes()));
      // Service visit photos come as multipart from a phone browser (service-work feature).
      router.routeWithRegex("^/api/" + com.conecta.hub.fieldservice.service.ServiceRoutes.PHOTO_UPLOAD_REGEX + "$")
          .handler(BodyHandler.create(true).setUploadsDirectory(config.dataDir().resolve("uploads").toString())
              .setDeleteUploadedFilesOnEnd(true).setBodyLimit(work.photoMaxBytes() + 64 * 1024));
      router.routeWithRegex("^/api/(?!v1/conversations/[0-9]+/attachments$|"
          + com.conecta.hub.fieldservice.service.ServiceRoutes.PHOTO_UPLOAD_REGEX + "$).*")
          .handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
      router.route("/api/*").failureHandler(ErrorResponses::handle);
    });
    HealthRoutes health = new HealthRoutes(pool, redis, metrics);
    http.router(health::register);

    http.api(new AuthRoutes(auth, config.publicBaseUrl().startsWith("https://"))::register);
    http.api(new TeamRoutes(new com.conecta.hub.operations.team.TeamService(teams, auth))::register);
    http.api(new InboxRoutes(inboxes, ingest)::register);
    TemplateCatalogue templates = TemplateCatalogue.load();
    http.api(new ConversationRoutes(conversations, templates)::register);
    http.api(new TemplateRoutes(templates)::register);
    http.api(waTemplates::register); // issue 25: /api/v1/whatsapp-templates
    AssignmentService assignment = new AssignmentService(new AssignmentStore(pool), new ConversationStore(pool),
        conversations, new RoundRobinCursor(vertx, redis), broker,
        new AssignmentService.Settings(config.assignment().presenceSeconds(), config.assignment().releaseOnOffline()),
        // A conversation assigned → the agent's hand-off notice (in the assignment's transaction).
        List.of(new com.conecta.hub.marketing.bot.HandoffNotifier(new BotStore(pool), notificationStore),
            new com.conecta.hub.operations.notify.AssignmentNotices(new com.conecta.hub.operations.notify.AssignmentNoticeStore(),
                notificationStore)));
    http.api(new AssignmentRoutes(assignment)::register);
    MessageUnderstanding understanding = new MessageUnderstanding(ZoneId.of("America/Santiago"),
        config.dataDir().resolve("models"));
    Future<Void> botModel = com.conecta.hub.marketing.bot.BotModelWarmUp.start(vertx, understanding);
    health.requires("bot", botModel);
    com.conecta.hub.commerce.catalogue.BusinessCatalogue catalogue = com.conecta.hub.commerce.catalogue.BusinessCatalogue.load();
    http.api(new com.conecta.hub.commerce.catalogue.CatalogueRoutes(catalogue)::register);
    CustomFieldService customFields = new CustomFieldService(new CustomFieldStore(pool));
    BotService bot = new BotService(vertx, new BotStore(pool), BotFlows.load(catalogue::fillChoices),
        new FlowEngine(understanding, ZoneId.of("America/Santiago")), understanding, new ConversationStore(pool),
        conversations, assignment, broker, customFields::storeAnswers);
    http.api(new BotRoutes(bot)::register);
    http.api(new EventStreamRoutes(vertx, broker)::register);
    CrudService contacts = null;
    CrudService leads = null;
    Map<String, CrudService> crm = new HashMap<>();
    for (ResourceSpec spec : CrmResources.all()) {
      // A lead created → its owner by round robin.
      CrudService service = "leads".equals(spec.path())
          ? new CrudService(spec, new CrudStore(pool, spec), assignment::assignLeadOwner)
          : new CrudService(spec, new CrudStore(pool, spec));
      http.api(new CrudRoutes(service)::register);
      crm.put(spec.path(), service);
      if ("contacts".equals(spec.path())) {
        contacts = service;
      }
      if ("leads".equals(spec.path())) {
        leads = service;
      }
    }
    http.api(new ContactRoutes(new ContactMergeService(new ContactMergeStore(pool), contacts, new AuditLog()))::register);
    http.api(new MediaRoutes(media, conversations)::register);
    TwilioSender twilio = new TwilioSender(vertx, config.twilio().apiBaseUrl().isEmpty() ? null : config.twilio().apiBaseUrl(),
        config.publicBaseUrl() + "/webhooks/twilio/status");
    http.router(new TwilioWebhookRoutes(config.publicBaseUrl(), inboxes, ingest, delivery, metrics)::register);
    InboundMediaFetcher mediaDownload = new InboundMediaFetcher(Map.of(
        "whatsapp", (account, a, max) -> a.providerMediaId() == null ? Future.failedFuture("no media id")
            : whatsapp.fetchMedia(account, a.providerMediaId(), max)
                .map(d -> new InboundMediaFetcher.Fetched(d.bytes(), d.mimeType(), d.sha256())),
        "twilio", (account, a, max) -> a.url() == null ? Future.failedFuture("no media url")
            : twilio.fetchMedia(account, a.url(), max).map(b -> new InboundMediaFetcher.Fetched(b, a.mimeType(), null))),
        media, broker);
    CampaignService campaigns = new CampaignService(new CampaignStore(side.queue()), inboxes, broker, new AuditLog(),
        new com.conecta.hub.marketing.campaign.CampaignTemplates(templates, waTemplates.service()::approvedOne));
    http.api(new CampaignRoutes(campaigns)::register);
    OptOutOnIngest optOut = new OptOutOnIngest(new OptOuts(pool, new ConversationStore(pool), broker), campaigns,
        config.bot().enabled());
    ReminderService reminders = new ReminderService(ReminderRules.load(), new ReminderStore(pool), inboxes, templates);
    http.api(new ErpRoutes(new ErpService(new ErpStore(pool), () -> reminders.tick()))::register);
    // --- Notifications, bot hand-off notices and after-sale satisfaction (feat-botnotify) ---
    http.api(new com.conecta.hub.operations.notify.NotificationRoutes(new com.conecta.hub.operations.notify.NotificationService(notificationStore))
        ::register);
    com.conecta.hub.operations.notify.NotificationWorker notificationWorker = new com.conecta.hub.operations.notify.NotificationWorker(vertx,
        notificationStore, broker, new com.conecta.connectors.email.SmtpSender(vertx), whatsapp, inboxes, templates,
        config.notifications(), nodeId);
    com.conecta.hub.marketing.satisfaction.SatisfactionService satisfaction = new com.conecta.hub.marketing.satisfaction.SatisfactionService(
        new com.conecta.hub.marketing.satisfaction.SatisfactionStore(pool), templates, broker, config.satisfaction());
    http.api(new com.conecta.hub.marketing.satisfaction.SatisfactionRoutes(satisfaction)::register);
    // --- end feat-botnotify ---
    // Reports: JSON/CSV API, the hourly message rollup they read, and the supervisors' weekly summary.
    ReportStore reportStore = new ReportStore(side.reports());
    ReportService reportService = new ReportService(reportStore, config.reports(), java.time.Clock.systemUTC())
        .withBusinessLines(new com.conecta.hub.operations.report.BusinessLineReportStore(side.reports(), catalogue)); // issue 22
    WeeklySummary weeklySummary = new WeeklySummary(reportService, reportStore, notificationStore, pool,
        java.time.Clock.systemUTC(), config.publicBaseUrl());
    http.api(new ReportRoutes(reportService, weeklySummary)::register);
    // Service work, ticket due times, activity reminders, calendar, timeline, custom fields (issue 8, service half)
    http.api(new CustomFieldRoutes(customFields)::register);
    Map.of("contacts", "contact", "accounts", "account", "leads", "lead", "tickets", "ticket")
        .forEach((path, entity) -> crm.get(path).extend(customFields.extensionFor(entity)));
    // Contact import and export (issue 25): CSV in and out, the contacts list's label filter, the import worker.
    com.conecta.hub.customers.contact.transfer.ContactTransferModule contactTransfer = com.conecta.hub.customers.contact.transfer
        .ContactTransferModule.create(vertx, pool, transferSettings, contacts, customFields, nodeId);
    http.api(contactTransfer::register);
    TicketDueTimes ticketDue = new TicketDueTimes(new TicketStore(pool), notificationStore, work.ticketDueHours());
    crm.get("tickets").extend(ticketDue);
    crm.get("accounts").extend(new com.conecta.hub.customers.crm.account.AccountTaxIds(pool, new AuditLog()));
    crm.get("contacts").extend(new com.conecta.hub.customers.contact.PhoneIsWhatsAppAddress(
        new com.conecta.hub.customers.contact.ContactIdentityStore(pool)));
    // Visits with slots, the coordinator's board, calendars with reminders and each person's .ics feed (issue 22)
    ActivityStore calendar = new ActivityStore(pool, com.conecta.hub.commerce.sales.SalesSettings.load().followUpDays());
    ActivityService activities = new ActivityService(calendar, notificationStore, contacts,
        work.activityReminderMinutes(), work.activityReminderChannels());
    http.api(new ActivityRoutes(activities)::register);
    com.conecta.hub.fieldservice.service.ServiceModule service = com.conecta.hub.fieldservice.service.ServiceModule.create(vertx, pool,
        notificationStore, new LocalMediaStorage(vertx, config.dataDir().resolve("media")), work, broker, calendar,
        config.publicBaseUrl());
    http.api(service::register);
    http.router(service::registerPublic);
    // Sales (issue 8 "Leads and sales", issue 9 "Quotes"): pipeline stages, conversion, opportunities, forecast,
    // products and quotes with their PDF, sending, follow-ups and orders.
    com.conecta.hub.commerce.sales.SalesModule sales = com.conecta.hub.commerce.sales.SalesModule.create(vertx, pool, leads, contacts,
        media, templates, conversations, catalogue);
    http.api(sales::register);
    // Pipeline boards of leads and (issue 22) opportunities.
    http.api(new com.conecta.hub.commerce.pipeline.PipelineModule(pool, sales, catalogue, broker, contacts)::register);
    // Supervision (web inbox): team load, inbox settings with write-only secrets, bot flows as source.
    http.api(new com.conecta.hub.operations.supervision.SupervisionRoutes(new com.conecta.hub.operations.supervision.SupervisionService(vertx,
        new com.conecta.hub.operations.supervision.SupervisionStore(pool, channelSecrets), config.assignment().presenceSeconds(),
        auth::forgetUser))::register);
    // Security and personal data (issue 11): the audit log, role changes, a contact's export and erasure.
    http.api(new com.conecta.hub.operations.supervision.AuditRoutes(new com.conecta.hub.operations.supervision.AuditService(new com.conecta.hub.operations.supervision.AuditStore(pool)))
        ::register);
    http.api(new com.conecta.hub.operations.team.UserRoleRoutes(new com.conecta.hub.operations.team.UserRoleService(
        new com.conecta.hub.operations.team.UserRoleStore(pool), new AuditLog(), auth))::register);
    // Accounts people can trust (issue 26): own password, sign-out everywhere, forgotten password,
    // two-factor sign-in.
    http.api(com.conecta.hub.foundation.account.AccountModule.create(vertx, pool, redis, config, auth)::register);
    http.api(r -> twoFactor.register(r, auth, config.publicBaseUrl().startsWith("https://")));
    http.api(new com.conecta.hub.foundation.privacy.PrivacyRoutes(new com.conecta.hub.foundation.privacy.PrivacyService(
        new com.conecta.hub.foundation.privacy.PrivacyStore(pool), new LocalMediaStorage(vertx, config.dataDir().resolve("media")),
        new AuditLog()))::register);
    http.api(new com.conecta.hub.channels.webform.FormReplyRoutes(new com.conecta.hub.channels.webform.FormReplyService(conversations,
        new ConversationStore(pool), new com.conecta.hub.channels.webform.FormReplyStore(pool), new ContactMergeStore(pool),
        templates, broker))::register);
    // Outgoing webhooks (issue 25): the subscriptions API here, the delivery worker in the background list below.
    com.conecta.hub.foundation.webhook.WebhookModule webhooks = com.conecta.hub.foundation.webhook.WebhookModule.create(vertx, pool,
        side.queue(), secretBox, notificationStore, config, nodeId);
    http.api(webhooks::register);
    // The API's OpenAPI 3.1 description, made from this route table, and its reference page (issue 25).
    http.api(new com.conecta.hub.foundation.apidoc.ApiDocRoutes(CrmResources.all(), config.publicBaseUrl())::register);
    http.router(com.conecta.hub.foundation.apidoc.ApiDocRoutes::registerPage);
    http.router(r -> r.route("/api/*").handler(ctx -> ctx.fail(404)));
    FormService forms = new FormService(new com.conecta.hub.commerce.catalogue.CatalogueForms(catalogue), inboxes, ingest, new FormStore(pool), assignment,
        new ContactMergeStore(pool));
    http.router(new FormRoutes(forms, redis, config.forms().perIpPerMinute())::register);

    // When this happens, these react: every reaction of the node in one place.
    // A new inbound message → durable jobs written by its ingest transaction, run by the reaction worker (issue 23):
    // auto-assignment, the bot (when on), the media download, STOP/BAJA opt-outs and campaign replies, a survey
    // answer, the link of a web form's reference to the WhatsApp chat. Each is idempotent by the message id.
    List<com.conecta.hub.messaging.reaction.Reaction> toNewMessage = new java.util.ArrayList<>(List.of(
        com.conecta.hub.messaging.reaction.Reaction.of("auto-assignment", new AutoAssignOnIngest(assignment)::accept)));
    if (config.bot().enabled()) {
      toNewMessage.add(com.conecta.hub.messaging.reaction.Reaction.of("bot", bot::accept));
    }
    toNewMessage.addAll(List.of(com.conecta.hub.messaging.reaction.Reaction.of("media download", mediaDownload::accept),
        com.conecta.hub.messaging.reaction.Reaction.of("opt-out and campaign reply", optOut::accept),
        com.conecta.hub.messaging.reaction.Reaction.of("satisfaction answer", satisfaction::accept),
        com.conecta.hub.messaging.reaction.Reaction.of("web form link", forms::linkWhatsApp)));
    com.conecta.hub.messaging.reaction.ReactionWorker reactionWorker = new com.conecta.hub.messaging.reaction.ReactionWorker(vertx,
        new com.conecta.hub.messaging.reaction.ReactionStore(pool), new com.conecta.hub.messaging.reaction.Reactions(toNewMessage), inboxes,
        nodeId, com.conecta.hub.messaging.reaction.ReactionSettings.from(config.raw()));
    // An assignment, a lead created, a conversation read: their hooks are given to AssignmentService, the leads'
    // CrudService and ConversationService where they are built (above).
    http.router(WebPages::register);

    Map<String, ChannelSender> senders = new HashMap<>();
    ApiChannelSender api = new ApiChannelSender(WebClient.create(vertx));
    senders.put(api.channel(), api);
    senders.put(whatsapp.channel(), whatsapp);
    senders.put(twilio.channel(), twilio);
    // Email (issue 6): mailboxes read by IMAP into ingest, one node per mailbox; replies sent over SMTP by the outbox.
    com.conecta.hub.channels.email.EmailStore emailStore = new com.conecta.hub.channels.email.EmailStore(pool, channelSecrets);
    senders.put("email", new com.conecta.hub.channels.email.EmailChannelSender(new com.conecta.connectors.email.SmtpSender(vertx),
        emailStore, media, com.conecta.templates.EmailLayouts.load()));
    com.conecta.hub.channels.email.MailboxReading email = new com.conecta.hub.channels.email.MailboxReading(vertx, emailStore,
        new com.conecta.hub.channels.email.InboundEmailService(ingest, media), nodeId, new com.conecta.hub.channels.email.MailboxReading.Settings(
            config.email().reading(), config.email().pollSeconds(), config.email().leaseSeconds()));
    if (config.sandbox().enabled() && config.email().sandboxServer()) {
      vertx.executeBlocking(() -> com.conecta.connectors.sandbox.email.SandboxMailServer.start("127.0.0.1",
              config.email().sandboxSmtpPort(), config.email().sandboxImapPort()))
          .onSuccess(mail -> {
            email.useSandboxServer(address -> mail.inboxSettings(address, "Conecta Demo"), mail);
            notificationWorker.useSandboxSmtp("127.0.0.1", mail.smtpPort());
            log.info("sandbox: local mail server for the demo email inbox: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}",
                mail.smtpPort(), mail.imapPort());
          })
          .onFailure(e -> log.warn("sandbox: local mail server not started ({}); the demo email inbox is not read", e.toString()));
    }
    OutboxWorker outbox = new OutboxWorker(vertx, new OutboxStore(side.queue()), inboxes, broker, senders, nodeId, 200, delivery,
        new SendRateLimiter(vertx, redis)).timing(outboxSettings.lease(), outboxSettings.inDoubt());
    outbox.preparers(Map.of("whatsapp", (account, a) -> a.storageKey() == null || a.providerMediaId() != null
        ? Future.succeededFuture(a)
        : media.bytes(a.storageKey()).compose(bytes -> whatsapp.uploadMedia(account, bytes, a.mimeType(), a.fileName()))
            .map(id -> new com.conecta.connectors.Attachment(a.kind(), id, null, a.mimeType(), a.fileName(), a.sha256(),
                a.sizeBytes(), a.caption(), a.storageKey()))));

    // What each node does in the background, on verticles of their own (never on the HTTP loops): the senders, the
    // deliveries, the mail reading, and every periodic pass with how often it runs.
    List<BackgroundVerticle.Periodic> passes = new java.util.ArrayList<>(List.of(
        new BackgroundVerticle.Periodic("snoozed conversations", 30_000, conversations::wakeSnoozed),
        new BackgroundVerticle.Periodic("assignment", config.assignment().tickSeconds() * 1000L, assignment::tick),
        new BackgroundVerticle.Periodic("campaign", 500, campaigns::tick),
        new BackgroundVerticle.Periodic("reminder", config.reminders().tickSeconds() * 1000L, reminders::tick),
        new BackgroundVerticle.Periodic("quote", config.reminders().tickSeconds() * 1000L, sales::tick),
        new BackgroundVerticle.Periodic("ticket/activity reminder", work.tickSeconds() * 1000L,
            () -> Future.all(ticketDue.remindOverdue(), activities.remindDue())),
        new BackgroundVerticle.Periodic("report rollup", 60_000, reportStore::rollUp),
        new BackgroundVerticle.Periodic("weekly summary", 15 * 60_000, weeklySummary::tick),
        new BackgroundVerticle.Periodic("whatsapp templates sync", com.conecta.hub.channels.whatsapptemplate.WhatsAppTemplateModule.SYNC_EVERY_MS, waTemplates::syncAll)));
    if (config.satisfaction().enabled()) {
      passes.add(new BackgroundVerticle.Periodic("satisfaction", config.satisfaction().tickSeconds() * 1000L,
          satisfaction::tick));
    }
    List<java.util.function.Supplier<BackgroundVerticle>> background = new java.util.ArrayList<>(List.of(
        () -> new BackgroundVerticle("outbox", List.of(
            new BackgroundVerticle.Worker("outbox", outbox::start, outbox::stop)), List.of()),
        () -> new BackgroundVerticle("notifications", List.of(new BackgroundVerticle.Worker("notifications",
            notificationWorker::start, notificationWorker::stop)), List.of()),
        () -> new BackgroundVerticle("mail", List.of(new BackgroundVerticle.Worker("mail", email::start, email::stop)),
            List.of()),
        () -> new BackgroundVerticle("periodic passes", List.of(), passes),
        () -> new BackgroundVerticle("reactions", List.of(new BackgroundVerticle.Worker("reactions",
            reactionWorker::start, reactionWorker::stop)), List.of()),
        webhooks::background));
    background.addAll(contactTransfer.background());

    java.util.concurrent.atomic.AtomicInteger port = new java.util.concurrent.atomic.AtomicInteger();
    if (fake != null) {
      http.router(new SandboxPhoneRoutes(fake, inboxes, WebClient.create(vertx), appSecret, port::get)::register);
    }
    // Built once here as well: a route without an access rule or registered twice stops the start before any port opens,
    // and the access test reads the table.
    RouteTable table = http.build(vertx);
    Future<Void> seeded = (config.sandbox().enabled()
        ? new DemoSeeder(teams, auth).seedIfEmpty(config.sandbox().adminEmail(), config.sandbox().adminPassword())
        : Future.<Void>succeededFuture())
        // Channel secrets still in plain text (the demo inboxes the seeder writes, rows from before encryption) are
        // sealed with the current key before the node serves: none stays readable in the database.
        .compose(v -> new InboxStore(pool, channelSecrets).resealSecrets())
        .<Void>mapEmpty();
    // Redis subscriptions first (on a verticle of their own), so the node hears other nodes before it serves.
    Future<String> subscribed = vertx.deployVerticle(new com.conecta.hub.foundation.runtime.SubscriberVerticle(List.of(
        new com.conecta.hub.foundation.runtime.SubscriberVerticle.Subscription(broker::start, broker::close),
        new com.conecta.hub.foundation.runtime.SubscriberVerticle.Subscription(invalidations::start, invalidations::close))),
        Deployments.background());
    return subscribed.compose(subscriberId -> seeded
        .compose(v -> Deployments.http(vertx, http, config.http(), metrics, port::set))
        .compose(httpId -> Future.all(background.stream().map(b -> vertx.deployVerticle(b,
                Deployments.background())).toList())
            .map(all -> {
              if (fake != null) {
                fake.callbacks("http://127.0.0.1:" + port.get() + "/webhooks/whatsapp", appSecret);
                log.info("sandbox: WhatsApp goes to the built-in fake Graph API at {}; the phone is at /sandbox",
                    fake.baseUrl());
              }
              log.info("hub {} listening on port {} ({} HTTP instances)", nodeId, port.get(), config.http().instances());
              List<String> backgroundIds = new java.util.ArrayList<>(all.<String>list());
              backgroundIds.add(subscriberId);
              return new Hub(vertx, pool, redis, broker, List.of(httpId), backgroundIds, port.get(), table, fake, side,
                  invalidations, botModel, new com.conecta.hub.foundation.runtime.PeriodicPasses(vertx, passes));
            })));
  }

  public int port() {
    return port;
  }

  /** Done once the work that {@code /ready} waits for besides the servers (the bot's model) is done. */
  public Future<Void> warmedUp() {
    return warmUp;
  }

  /** The node's periodic passes by name, to run one now (tests drive them instead of waiting for a tick). */
  public com.conecta.hub.foundation.runtime.PeriodicPasses jobs() {
    return jobs;
  }

  public RouteTable routes() {
    return routes;
  }

  /**
   * Graceful stop: the HTTP instances stop taking connections and finish their in-flight requests, then the background
   * verticles stop (their timers end, claimed work is handed back), then the shared clients close.
   */
  public Future<Void> stop() {
    return Future.join(httpDeployments.stream().map(vertx::undeploy).toList())
        .transform(x -> Future.join(backgroundDeployments.stream().map(vertx::undeploy).toList()))
        .<Void>mapEmpty()
        .eventually(() -> broker.close())
        .eventually(() -> invalidations.close())
        .eventually(() -> redis.close())
        .eventually(() -> pool.close())
        .eventually(() -> sidePools.close())
        .eventually(() -> fake == null ? Future.succeededFuture() : fake.close());
  }
}
