package com.conecta.hub;

import com.conecta.connectors.ChannelSender;
import com.conecta.hub.assignment.AssignmentRoutes;
import com.conecta.hub.assignment.AssignmentService;
import com.conecta.hub.assignment.AssignmentStore;
import com.conecta.hub.assignment.AutoAssignOnIngest;
import com.conecta.hub.assignment.RoundRobinCursor;
import com.conecta.connectors.whatsapp.WhatsAppCloudClient;
import com.conecta.connectors.whatsapp.fake.FakeWhatsAppCloudApi;
import com.conecta.bots.flow.FlowEngine;
import com.conecta.bots.nlp.MessageUnderstanding;
import com.conecta.hub.audit.AuditLog;
import com.conecta.hub.webform.FormRoutes;
import com.conecta.hub.webform.FormService;
import com.conecta.hub.webform.FormStore;
import com.conecta.hub.bot.BotFlows;
import com.conecta.hub.bot.BotRoutes;
import com.conecta.hub.bot.BotService;
import com.conecta.hub.bot.BotStore;
import java.time.ZoneId;
import com.conecta.hub.erp.ErpRoutes;
import com.conecta.hub.erp.ErpService;
import com.conecta.hub.erp.ErpStore;
import com.conecta.hub.reminder.ReminderRules;
import com.conecta.hub.reminder.ReminderService;
import com.conecta.hub.reminder.ReminderStore;
import com.conecta.hub.template.TemplateRoutes;
import com.conecta.templates.TemplateCatalogue;
import com.conecta.hub.campaign.CampaignRoutes;
import com.conecta.hub.campaign.CampaignService;
import com.conecta.hub.campaign.CampaignStore;
import com.conecta.hub.campaign.OptOutOnIngest;
import com.conecta.hub.campaign.OptOuts;
import com.conecta.hub.sandbox.SandboxPhoneRoutes;
import com.conecta.connectors.twilio.TwilioSender;
import com.conecta.hub.media.InboundMediaFetcher;
import com.conecta.hub.twilio.TwilioWebhookRoutes;
import com.conecta.hub.whatsapp.WhatsAppReadMarker;
import com.conecta.hub.whatsapp.WhatsAppWebhookRoutes;
import com.conecta.hub.delivery.DeliveryService;
import com.conecta.hub.delivery.DeliveryStore;
import com.conecta.hub.media.LocalMediaStorage;
import com.conecta.hub.media.MediaRoutes;
import com.conecta.hub.media.MediaService;
import com.conecta.hub.media.MediaStore;
import com.conecta.hub.sending.SendRateLimiter;
import com.conecta.hub.auth.AuthHandler;
import com.conecta.hub.auth.AuthRoutes;
import com.conecta.hub.auth.AuthService;
import com.conecta.hub.auth.AuthStore;
import com.conecta.hub.auth.PasswordHasher;
import com.conecta.hub.auth.Tokens;
import com.conecta.hub.config.HubConfig;
import com.conecta.hub.contact.ContactMergeService;
import com.conecta.hub.contact.ContactMergeStore;
import com.conecta.hub.contact.ContactRoutes;
import com.conecta.hub.conversation.ConversationRoutes;
import com.conecta.hub.conversation.ConversationService;
import com.conecta.hub.conversation.ConversationStore;
import com.conecta.hub.crm.CrmResources;
import com.conecta.hub.crm.CrudRoutes;
import com.conecta.hub.crm.CrudService;
import com.conecta.hub.crm.CrudStore;
import com.conecta.hub.crm.ResourceSpec;
import com.conecta.hub.activity.ActivityRoutes;
import com.conecta.hub.activity.ActivityService;
import com.conecta.hub.activity.ActivityStore;
import com.conecta.hub.customfield.CustomFieldRoutes;
import com.conecta.hub.customfield.CustomFieldService;
import com.conecta.hub.customfield.CustomFieldStore;
import com.conecta.hub.service.ServiceRequestService;
import com.conecta.hub.service.ServiceRoutes;
import com.conecta.hub.service.ServiceStore;
import com.conecta.hub.ticket.TicketDueTimes;
import com.conecta.hub.ticket.TicketStore;
import com.conecta.hub.health.HealthRoutes;
import com.conecta.hub.inbox.InboxRoutes;
import com.conecta.hub.inbox.InboxService;
import com.conecta.hub.inbox.InboxStore;
import com.conecta.hub.inbox.IngestBatcher;
import com.conecta.hub.inbox.IngestService;
import com.conecta.hub.inbox.IngestStore;
import com.conecta.hub.outbox.ApiChannelSender;
import com.conecta.hub.outbox.OutboxStore;
import com.conecta.hub.outbox.OutboxWorker;
import com.conecta.hub.platform.Database;
import com.conecta.hub.platform.RedisLink;
import com.conecta.hub.notify.NotificationStore;
import com.conecta.hub.realtime.EventStreamRoutes;
import com.conecta.hub.report.ReportRoutes;
import com.conecta.hub.report.ReportService;
import com.conecta.hub.report.ReportStore;
import com.conecta.hub.report.WeeklySummary;
import com.conecta.hub.realtime.RealtimeBroker;
import com.conecta.hub.sandbox.DemoSeeder;
import com.conecta.hub.team.TeamRoutes;
import com.conecta.hub.team.TeamStore;
import com.conecta.hub.web.ErrorResponses;
import com.conecta.hub.web.RouteTable;
import com.conecta.hub.web.WebPages;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: wires the features together on a database and a Redis, serves HTTP, runs the workers.
 * Several nodes on one database and Redis are the way to scale.
 */
public final class Hub {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  private final Vertx vertx;
  private final HubConfig config;
  private final Pool pool;
  private final RedisLink redis;
  private final RealtimeBroker broker;
  private final OutboxWorker outbox;
  private final HttpServer server;
  private final RouteTable routes;
  private final List<Long> timers;
  private final FakeWhatsAppCloudApi fake;
  private final com.conecta.hub.email.MailboxReading email;
  private final Database.SidePools sidePools;

  private Hub(Vertx vertx, HubConfig config, Pool pool, RedisLink redis, RealtimeBroker broker, OutboxWorker outbox,
      HttpServer server, RouteTable routes, List<Long> timers, FakeWhatsAppCloudApi fake,
      com.conecta.hub.email.MailboxReading email, Database.SidePools sidePools) {
    this.sidePools = sidePools;
    this.fake = fake;
    this.email = email;
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.redis = redis;
    this.broker = broker;
    this.outbox = outbox;
    this.server = server;
    this.routes = routes;
    this.timers = timers;
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
      return broker.start().compose(x -> assemble(vertx, config, metrics, pool, redis, broker, fake, side));
    });
  }

  private static Future<Hub> assemble(Vertx vertx, HubConfig config, PrometheusMeterRegistry metrics, Pool pool,
      RedisLink redis, RealtimeBroker broker, FakeWhatsAppCloudApi fake, Database.SidePools side) {
    String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    AuthService auth = new AuthService(vertx, new AuthStore(pool), new PasswordHasher(), new Tokens(),
        config.auth().sessionHours(), new com.conecta.hub.auth.SignInLimiter(redis, config.auth().failuresPerAccount(),
            config.auth().failuresPerIp(), config.auth().windowMinutes()), new AuditLog());
    AuthHandler authHandler = new AuthHandler(auth);
    InboxService inboxes = new InboxService(new InboxStore(pool));
    ConversationService conversations = new ConversationService(new ConversationStore(pool), broker);
    IngestService ingest = new IngestService(
        new IngestBatcher(new IngestStore(pool), config.ingest().batchSize(), Math.max(1, config.db().poolSize() - 2)),
        broker, conversations, metrics);
    TeamStore teams = new TeamStore(pool);

    Router router = Router.router(vertx);
    WebPages.securityHeaders(router);
    DeliveryService delivery = new DeliveryService(new DeliveryStore(pool), broker);
    String appSecret = !config.whatsapp().appSecret().isEmpty() ? config.whatsapp().appSecret()
        : config.sandbox().enabled() ? SANDBOX_APP_SECRET : "";
    String verifyToken = !config.whatsapp().verifyToken().isEmpty() ? config.whatsapp().verifyToken()
        : config.sandbox().enabled() ? SANDBOX_VERIFY_TOKEN : "";
    if (appSecret.isEmpty()) {
      log.warn("whatsapp.app-secret is not set: WhatsApp webhooks are refused until it is");
    }
    new WhatsAppWebhookRoutes(appSecret, verifyToken, inboxes, ingest, delivery, metrics).register(router);
    com.conecta.hub.config.OutboxSettings outboxSettings = com.conecta.hub.config.OutboxSettings.from(config);
    WhatsAppCloudClient whatsapp = new WhatsAppCloudClient(vertx,
        fake != null ? fake.baseUrl() : config.whatsapp().graphBaseUrl(), config.whatsapp().apiVersion(),
        outboxSettings.whatsappTimeoutMs());
    // Uploads take files up to the media limit; every other API body stays small.
    router.post("/api/v1/conversations/:conversationId/attachments").handler(BodyHandler.create(true)
        .setUploadsDirectory(config.dataDir().resolve("uploads").toString()).setDeleteUploadedFilesOnEnd(true)
        .setBodyLimit(config.ingest().mediaMaxBytes()));
    // Service visit photos come as multipart from a phone browser (service-work feature).
    com.conecta.hub.service.WorkSettings work = com.conecta.hub.service.WorkSettings.from(config.raw());
    router.routeWithRegex("^/api/" + com.conecta.hub.service.ServiceRoutes.PHOTO_UPLOAD_REGEX + "$")
        .handler(BodyHandler.create(true).setUploadsDirectory(config.dataDir().resolve("uploads").toString())
            .setDeleteUploadedFilesOnEnd(true).setBodyLimit(work.photoMaxBytes() + 64 * 1024));
    router.routeWithRegex("^/api/(?!v1/conversations/[0-9]+/attachments$|"
        + com.conecta.hub.service.ServiceRoutes.PHOTO_UPLOAD_REGEX + "$).*")
        .handler(BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes()));
    router.route("/api/*").failureHandler(ErrorResponses::handle);
    new HealthRoutes(pool, redis, metrics).register(router);

    RouteTable routes = new RouteTable(router, authHandler);
    new AuthRoutes(auth, config.publicBaseUrl().startsWith("https://")).register(routes);
    new TeamRoutes(new com.conecta.hub.team.TeamService(teams, auth)).register(routes);
    new InboxRoutes(inboxes, ingest).register(routes);
    TemplateCatalogue templates = TemplateCatalogue.load();
    new ConversationRoutes(conversations, templates).register(routes);
    new TemplateRoutes(templates).register(routes);
    AssignmentService assignment = new AssignmentService(new AssignmentStore(pool), new ConversationStore(pool),
        conversations, new RoundRobinCursor(vertx, redis), broker,
        new AssignmentService.Settings(config.assignment().presenceSeconds(), config.assignment().releaseOnOffline()));
    new AssignmentRoutes(assignment).register(routes);
    ingest.onIngested(new AutoAssignOnIngest(assignment)::accept);
    MessageUnderstanding understanding = new MessageUnderstanding(ZoneId.of("America/Santiago"));
    com.conecta.hub.catalogue.BusinessCatalogue catalogue = com.conecta.hub.catalogue.BusinessCatalogue.load();
    new com.conecta.hub.catalogue.CatalogueRoutes(catalogue).register(routes);
    BotService bot = new BotService(vertx, new BotStore(pool), BotFlows.load(catalogue::fillChoices),
        new FlowEngine(understanding, ZoneId.of("America/Santiago")), understanding, new ConversationStore(pool),
        conversations, assignment, broker);
    new BotRoutes(bot).register(routes);
    if (config.bot().enabled()) {
      ingest.onIngested(bot::accept);
    }
    new EventStreamRoutes(vertx, broker).register(routes);
    CrudService contacts = null;
    CrudService leads = null;
    Map<String, CrudService> crm = new HashMap<>();
    for (ResourceSpec spec : List.of(CrmResources.contacts(), CrmResources.accounts(), CrmResources.leads(),
        CrmResources.tickets(), CrmResources.activities(), CrmResources.cannedResponses())) {
      CrudService service = new CrudService(spec, new CrudStore(pool, spec));
      new CrudRoutes(service).register(routes);
      crm.put(spec.path(), service);
      if ("contacts".equals(spec.path())) {
        contacts = service;
      }
      if ("leads".equals(spec.path())) {
        leads = service;
      }
    }
    leads.afterCreate(assignment::assignLeadOwner);
    new ContactRoutes(new ContactMergeService(new ContactMergeStore(pool), contacts, new AuditLog())).register(routes);
    MediaService media = new MediaService(new LocalMediaStorage(vertx, config.dataDir().resolve("media")),
        new MediaStore(pool), config.ingest().mediaMaxBytes());
    new MediaRoutes(media, conversations).register(routes);
    conversations.attachments(media::resolve);
    TwilioSender twilio = new TwilioSender(vertx, config.twilio().apiBaseUrl().isEmpty() ? null : config.twilio().apiBaseUrl(),
        config.publicBaseUrl() + "/webhooks/twilio/status");
    new TwilioWebhookRoutes(config.publicBaseUrl(), inboxes, ingest, delivery, metrics).register(router);
    ingest.onIngested(new InboundMediaFetcher(Map.of(
        "whatsapp", (account, a, max) -> a.providerMediaId() == null ? Future.failedFuture("no media id")
            : whatsapp.fetchMedia(account, a.providerMediaId(), max)
                .map(d -> new InboundMediaFetcher.Fetched(d.bytes(), d.mimeType(), d.sha256())),
        "twilio", (account, a, max) -> a.url() == null ? Future.failedFuture("no media url")
            : twilio.fetchMedia(account, a.url(), max).map(b -> new InboundMediaFetcher.Fetched(b, a.mimeType(), null))),
        media, broker)::accept);
    conversations.onRead(new WhatsAppReadMarker(whatsapp, inboxes));
    CampaignService campaigns = new CampaignService(new CampaignStore(side.queue()), inboxes, broker, new AuditLog(),
        templates);
    new CampaignRoutes(campaigns).register(routes);
    ingest.onIngested(new OptOutOnIngest(new OptOuts(pool, new ConversationStore(pool), broker), campaigns,
        config.bot().enabled()));
    ReminderService reminders = new ReminderService(ReminderRules.load(), new ReminderStore(pool), inboxes, templates);
    new ErpRoutes(new ErpService(new ErpStore(pool), () -> reminders.tick())).register(routes);
    // --- Notifications, bot hand-off notices and after-sale satisfaction (feat-botnotify) ---
    com.conecta.hub.notify.NotificationStore notificationStore = new com.conecta.hub.notify.NotificationStore(pool);
    new com.conecta.hub.notify.NotificationRoutes(new com.conecta.hub.notify.NotificationService(notificationStore))
        .register(routes);
    assignment.onAssigned(new com.conecta.hub.bot.HandoffNotifier(new BotStore(pool), notificationStore));
    com.conecta.hub.notify.NotificationWorker notificationWorker = new com.conecta.hub.notify.NotificationWorker(vertx,
        notificationStore, broker, new com.conecta.connectors.email.SmtpSender(vertx), templates,
        config.notifications(), nodeId);
    com.conecta.hub.satisfaction.SatisfactionService satisfaction = new com.conecta.hub.satisfaction.SatisfactionService(
        new com.conecta.hub.satisfaction.SatisfactionStore(pool), templates, broker, config.satisfaction());
    new com.conecta.hub.satisfaction.SatisfactionRoutes(satisfaction).register(routes);
    ingest.onIngested(satisfaction::accept);
    notificationWorker.start();
    long satisfactionTimer = !config.satisfaction().enabled() ? -1 : vertx.setPeriodic(
        config.satisfaction().tickSeconds() * 1000L, t -> satisfaction.tick()
            .onFailure(e -> log.warn("satisfaction pass failed: {}", e.toString())));
    List<Long> botNotifyTimers = List.of(notificationWorker.pollTimer(), notificationWorker.staleTimer(), satisfactionTimer);
    // --- end feat-botnotify ---
    // Reports: JSON/CSV API, the hourly message rollup they read, and the supervisors' weekly summary.
    ReportStore reportStore = new ReportStore(side.reports());
    ReportService reportService = new ReportService(reportStore, config.reports(), java.time.Clock.systemUTC());
    WeeklySummary weeklySummary = new WeeklySummary(reportService, reportStore, notificationStore, pool,
        java.time.Clock.systemUTC(), config.publicBaseUrl());
    new ReportRoutes(reportService, weeklySummary).register(routes);
    // Service work, ticket due times, activity reminders, calendar, timeline, custom fields (issue 8, service half)
    CustomFieldService customFields = new CustomFieldService(new CustomFieldStore(pool));
    new CustomFieldRoutes(customFields).register(routes);
    Map.of("contacts", "contact", "accounts", "account", "leads", "lead", "tickets", "ticket")
        .forEach((path, entity) -> crm.get(path).extend(customFields.extensionFor(entity)));
    bot.answerSink(customFields::storeAnswers);
    TicketDueTimes ticketDue = new TicketDueTimes(new TicketStore(pool), notificationStore, work.ticketDueHours());
    crm.get("tickets").extend(ticketDue);
    ActivityService activities = new ActivityService(new ActivityStore(pool), notificationStore, contacts,
        work.activityReminderMinutes(), work.activityReminderChannels());
    new ActivityRoutes(activities).register(routes);
    new ServiceRoutes(new ServiceRequestService(new ServiceStore(pool), notificationStore,
        new LocalMediaStorage(vertx, config.dataDir().resolve("media")), work)).register(routes);
    // Sales (issue 8 "Leads and sales", issue 9 "Quotes"): pipeline stages, conversion, opportunities, forecast,
    // products and quotes with their PDF, sending, follow-ups and orders.
    com.conecta.hub.sales.SalesModule sales = com.conecta.hub.sales.SalesModule.create(vertx, pool, leads, contacts,
        media, templates, conversations, catalogue);
    sales.register(routes);
    new com.conecta.hub.pipeline.PipelineModule(pool, sales.stages(), catalogue, broker).register(routes);
    // Supervision (web inbox): team load, inbox settings with write-only secrets, bot flows as source.
    new com.conecta.hub.supervision.SupervisionRoutes(new com.conecta.hub.supervision.SupervisionService(vertx,
        new com.conecta.hub.supervision.SupervisionStore(pool), config.assignment().presenceSeconds())).register(routes);
    // Security and personal data (issue 11): the audit log, role changes, a contact's export and erasure.
    new com.conecta.hub.audit.AuditRoutes(new com.conecta.hub.audit.AuditService(new com.conecta.hub.audit.AuditStore(pool)))
        .register(routes);
    new com.conecta.hub.team.UserRoleRoutes(new com.conecta.hub.team.UserRoleService(
        new com.conecta.hub.team.UserRoleStore(pool), new AuditLog())).register(routes);
    new com.conecta.hub.privacy.PrivacyRoutes(new com.conecta.hub.privacy.PrivacyService(
        new com.conecta.hub.privacy.PrivacyStore(pool), new LocalMediaStorage(vertx, config.dataDir().resolve("media")),
        new AuditLog())).register(routes);
    router.route("/api/*").handler(ctx -> ctx.fail(404));
    FormService forms = new FormService(new com.conecta.hub.catalogue.CatalogueForms(catalogue), inboxes, ingest, new FormStore(pool), assignment,
        new ContactMergeStore(pool));
    new FormRoutes(forms, redis, config.forms().perIpPerMinute()).register(router);
    ingest.onIngested(forms::linkWhatsApp);
    WebPages.register(router);

    Map<String, ChannelSender> senders = new HashMap<>();
    ApiChannelSender api = new ApiChannelSender(WebClient.create(vertx));
    senders.put(api.channel(), api);
    senders.put(whatsapp.channel(), whatsapp);
    senders.put(twilio.channel(), twilio);
    // Email (issue 6): mailboxes read by IMAP into ingest, one node per mailbox; replies sent over SMTP by the outbox.
    com.conecta.hub.email.EmailStore emailStore = new com.conecta.hub.email.EmailStore(pool);
    senders.put("email", new com.conecta.hub.email.EmailChannelSender(new com.conecta.connectors.email.SmtpSender(vertx),
        emailStore, media, com.conecta.templates.EmailLayouts.load()));
    com.conecta.hub.email.MailboxReading email = new com.conecta.hub.email.MailboxReading(vertx, emailStore,
        new com.conecta.hub.email.InboundEmailService(ingest, media), nodeId, new com.conecta.hub.email.MailboxReading.Settings(
            config.email().reading(), config.email().pollSeconds(), config.email().leaseSeconds()));
    if (config.sandbox().enabled() && config.db().embedded() && config.email().sandboxServer()) {
      vertx.executeBlocking(() -> com.conecta.connectors.email.sandbox.SandboxMailServer.start("127.0.0.1",
              config.email().sandboxSmtpPort(), config.email().sandboxImapPort()))
          .onSuccess(mail -> {
            email.useSandboxServer(address -> mail.inboxSettings(address, "Conecta Demo"), mail);
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

    Future<Void> seeded = config.sandbox().enabled()
        ? new DemoSeeder(teams, auth).seedIfEmpty(config.sandbox().adminEmail(), config.sandbox().adminPassword())
        : Future.succeededFuture();
    return seeded
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
                .setMaxFormAttributeSize(64 * 1024))
            .requestHandler(router).listen(config.http().port(), config.http().host()))
        .map(server -> {
          if (fake != null) {
            fake.callbacks("http://127.0.0.1:" + server.actualPort() + "/webhooks/whatsapp", appSecret);
            new SandboxPhoneRoutes(fake, inboxes, WebClient.create(vertx), appSecret, server.actualPort()).register(router);
            log.info("sandbox: WhatsApp goes to the built-in fake Graph API at {}; the phone is at /sandbox", fake.baseUrl());
          }
          outbox.start();
          email.start();
          long snooze = vertx.setPeriodic(30_000, t -> conversations.wakeSnoozed());
          long campaignTimer = vertx.setPeriodic(500, t -> campaigns.tick()
              .onFailure(e -> log.warn("campaign pass failed: {}", e.toString())));
          long reminderTimer = vertx.setPeriodic(config.reminders().tickSeconds() * 1000L, t -> reminders.tick()
              .onFailure(e -> log.warn("reminder pass failed: {}", e.toString())));
          long salesTimer = vertx.setPeriodic(config.reminders().tickSeconds() * 1000L, t -> sales.tick()
              .onFailure(e -> log.warn("quote pass failed: {}", e.toString())));
          long assign = vertx.setPeriodic(config.assignment().tickSeconds() * 1000L, t -> assignment.tick()
              .onFailure(e -> log.warn("assignment pass failed: {}", e.toString())));
          long rollupTimer = vertx.setPeriodic(60_000, t -> reportStore.rollUp()
              .onFailure(e -> log.warn("report rollup failed: {}", e.toString())));
          long summaryTimer = vertx.setPeriodic(15 * 60_000, t -> weeklySummary.tick()
              .onFailure(e -> log.warn("weekly summary pass failed: {}", e.toString())));
          long serviceWork = vertx.setPeriodic(work.tickSeconds() * 1000L, t -> Future.all(ticketDue.remindOverdue(),
              activities.remindDue()).onFailure(e -> log.warn("ticket/activity reminder pass failed: {}", e.toString())));
          log.info("hub {} listening on port {}", nodeId, server.actualPort());
          return new Hub(vertx, config, pool, redis, broker, outbox, server, routes, java.util.stream.Stream.concat(
              java.util.stream.Stream.of(snooze, assign, campaignTimer, reminderTimer, serviceWork, rollupTimer, summaryTimer,
                  salesTimer), botNotifyTimers.stream()).toList(), fake, email, side);
        });
  }

  public int port() {
    return server.actualPort();
  }

  public RouteTable routes() {
    return routes;
  }

  /** Graceful stop: no new requests, in-flight ones finish, claimed work is handed back. */
  public Future<Void> stop() {
    timers.forEach(vertx::cancelTimer);
    return server.shutdown(10, TimeUnit.SECONDS)
        .compose(v -> email.stop())
        .compose(v -> outbox.stop())
        .eventually(() -> broker.close())
        .eventually(() -> redis.close())
        .eventually(() -> pool.close())
        .eventually(() -> sidePools.close())
        .eventually(() -> fake == null ? Future.succeededFuture() : fake.close());
  }
}
