package com.conecta.hub;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import com.conecta.hub.channels.clients.ChannelClients;
import com.conecta.hub.channels.ChannelsModule;
import com.conecta.hub.commerce.CommerceModule;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.customers.CustomersModule;
import com.conecta.hub.customers.crm.CrmResources;
import com.conecta.hub.fieldservice.FieldServiceModule;
import com.conecta.hub.foundation.FoundationModule;
import com.conecta.hub.foundation.apidoc.ApiDocRoutes;
import com.conecta.hub.foundation.auth.RouteTable;
import com.conecta.hub.foundation.auth.SignInInvalidations;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.health.HealthRoutes;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.foundation.platform.RedisLink;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.Deployments;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.PeriodicPasses;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.foundation.runtime.SubscriberVerticle;
import com.conecta.hub.foundation.sandbox.DemoSeeder;
import com.conecta.hub.foundation.web.WebPages;
import com.conecta.hub.marketing.MarketingModule;
import com.conecta.hub.messaging.MessagingModule;
import com.conecta.hub.messaging.reaction.Reaction;
import com.conecta.hub.messaging.realtime.RealtimeBroker;
import com.conecta.hub.operations.OperationsModule;
import com.conecta.hub.operations.assignment.AutoAssignOnIngest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running hub node: wires the features together on a database and a Redis, serves HTTP, runs the workers.
 * Several nodes on one database and Redis are the way to scale.
 */
public final class Hub {
  private static final Logger log = LoggerFactory.getLogger(Hub.class);

  /** Meta's Graph API; in sandbox mode the hub talks to its built-in fake instead. */
  static final String META_GRAPH = "https://graph.facebook.com";

  private final NodeResources node;
  private final List<String> httpDeployments;
  private final List<String> backgroundDeployments;
  private final int port;
  private final RouteTable routes;
  private final SignInInvalidations invalidations;
  private final Future<Void> warmUp;
  private final PeriodicPasses jobs; // test kit (issue 24): passes run on demand

  private Hub(NodeResources node, List<String> httpDeployments, List<String> backgroundDeployments, int port,
      RouteTable routes, SignInInvalidations invalidations, Future<Void> warmUp, PeriodicPasses jobs) {
    this.node = node;
    this.httpDeployments = httpDeployments;
    this.backgroundDeployments = backgroundDeployments;
    this.port = port;
    this.routes = routes;
    this.invalidations = invalidations;
    this.warmUp = warmUp;
    this.jobs = jobs;
  }

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
      String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
      return assemble(new NodeResources(vertx, config, metrics, pool, side, redis, broker, nodeId, fake));
    });
  }

  /**
   * Builds the node's feature modules in dependency order (each is given what it needs in its constructor), lists
   * its routes, its reactions and its background work, then starts it: Redis subscriptions, the demo data, the HTTP
   * instances, the background verticles.
   */
  private static Future<Hub> assemble(NodeResources node) {
    HubConfig config = node.config();
    BusinessCatalogue catalogue = BusinessCatalogue.load();
    FoundationModule foundation = new FoundationModule(node);
    ChannelClients clients = new ChannelClients(node, foundation.channelSecrets());
    MessagingModule messaging = new MessagingModule(node, foundation.channelSecrets(), clients);
    OperationsModule operations = new OperationsModule(node, foundation, clients, messaging, catalogue);
    CustomersModule customers = new CustomersModule(node, operations);
    ChannelsModule channels = new ChannelsModule(node, clients, messaging, operations, catalogue);
    MarketingModule marketing = new MarketingModule(node, messaging, operations, customers, channels, catalogue);
    CommerceModule commerce = new CommerceModule(node, clients, messaging, customers, marketing, catalogue);
    FieldServiceModule fieldService = new FieldServiceModule(node, operations, customers);
    channels.startSandboxMail();

    // The routes, in the order they are matched: security headers, the providers' webhooks (raw bodies), the API's
    // body handlers, the API by family, the API's 404, then the public forms and the web inbox's files.
    AtomicInteger port = new AtomicInteger();
    RouteSteps http = new RouteSteps(foundation.authHandler());
    http.router(WebPages::securityHeaders);
    channels.registerWebhooks(http);
    http.router(new RequestBodies(config)::register);
    http.router(new HealthRoutes(node.pool(), node.redis(), node.metrics())
        .requires("bot", marketing.botModel())::register);
    foundation.register(http);
    operations.register(http);
    messaging.register(http);
    channels.register(http);
    marketing.register(http);
    customers.register(http);
    commerce.register(http);
    fieldService.register(http);
    // The API's OpenAPI 3.1 description, made from this route table, and its reference page (issue 25).
    http.api(new ApiDocRoutes(CrmResources.all(), config.publicBaseUrl())::register);
    http.router(ApiDocRoutes::registerPage);
    http.router(r -> r.route("/api/*").handler(ctx -> ctx.fail(404)));
    channels.registerForms(http);
    http.router(WebPages::register);
    channels.registerSandboxPhone(http, port::get);

    // When this happens, these react: every reaction of the node in one place.
    // A new inbound message → durable jobs written by its ingest transaction, run by the reaction worker (issue 23),
    // in this order; each is idempotent by the message id.
    List<Reaction> toNewMessage = new ArrayList<>();
    toNewMessage.add(Reaction.of("auto-assignment", new AutoAssignOnIngest(operations.assignment())::accept));
    if (config.bot().enabled()) {
      toNewMessage.add(Reaction.of("bot", marketing.bot()::accept));
    }
    toNewMessage.add(Reaction.of("media download", clients.mediaDownload()::accept));
    toNewMessage.add(Reaction.of("opt-out and campaign reply", marketing.optOut()::accept));
    toNewMessage.add(Reaction.of("satisfaction answer", marketing.satisfaction()::accept));
    toNewMessage.add(Reaction.of("web form link", channels.forms()::linkWhatsApp));
    // A conversation assigned → the agent's hand-off notice and assignment notice (OperationsModule, in the
    // assignment's transaction). A lead created → its owner by round robin (CustomersModule). A conversation read →
    // WhatsApp's blue ticks (MessagingModule).

    // What each node does in the background, on verticles of their own (never on the HTTP loops): the senders, the
    // deliveries, the mail reading, and every periodic pass (each module lists its own, with how often it runs).
    List<BackgroundVerticle.Periodic> passes = Stream.of(messaging.passes(), operations.passes(), marketing.passes(),
        commerce.passes(), customers.passes(), channels.passes()).flatMap(List::stream).toList();
    List<Supplier<BackgroundVerticle>> background = new ArrayList<>(List.of(messaging.outboxSender(),
        operations.noticeSender(), channels.mailReader(), () -> new BackgroundVerticle("periodic passes", List.of(),
            passes), messaging.reactionRunner(toNewMessage)));
    background.addAll(foundation.background());
    background.addAll(customers.background());

    // Built once here as well: a route without an access rule or registered twice stops the start before any port opens,
    // and the access test reads the table.
    RouteTable table = http.build(node.vertx());
    Future<Void> seeded = (config.sandbox().enabled()
        ? new DemoSeeder(operations.teams(), foundation.auth()).seedIfEmpty(config.sandbox().adminEmail(),
            config.sandbox().adminPassword())
        : Future.<Void>succeededFuture())
        .compose(v -> messaging.resealSecrets());
    // Redis subscriptions first (on a verticle of their own), so the node hears other nodes before it serves.
    SignInInvalidations invalidations = foundation.invalidations();
    Future<String> subscribed = node.vertx().deployVerticle(new SubscriberVerticle(List.of(
        new SubscriberVerticle.Subscription(node.broker()::start, node.broker()::close),
        new SubscriberVerticle.Subscription(invalidations::start, invalidations::close))), Deployments.background());
    return subscribed.compose(subscriberId -> seeded
        .compose(v -> Deployments.http(node.vertx(), http, config.http(), node.metrics(), port::set))
        .compose(httpId -> Future.all(background.stream().map(b -> node.vertx().deployVerticle(b,
                Deployments.background())).toList())
            .map(all -> {
              if (node.fake() != null) {
                node.fake().callbacks("http://127.0.0.1:" + port.get() + "/webhooks/whatsapp", channels.appSecret());
                log.info("sandbox: WhatsApp goes to the built-in fake Graph API at {}; the phone is at /sandbox",
                    node.fake().baseUrl());
              }
              log.info("hub {} listening on port {} ({} HTTP instances)", node.nodeId(), port.get(),
                  config.http().instances());
              List<String> backgroundIds = new ArrayList<>(all.<String>list());
              backgroundIds.add(subscriberId);
              return new Hub(node, List.of(httpId), backgroundIds, port.get(), table, invalidations,
                  marketing.botModel(), new PeriodicPasses(node.vertx(), passes));
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
  public PeriodicPasses jobs() {
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
    Vertx vertx = node.vertx();
    return Future.join(httpDeployments.stream().map(vertx::undeploy).toList())
        .transform(x -> Future.join(backgroundDeployments.stream().map(vertx::undeploy).toList()))
        .<Void>mapEmpty()
        .eventually(() -> node.broker().close())
        .eventually(() -> invalidations.close())
        .eventually(() -> node.redis().close())
        .eventually(() -> node.pool().close())
        .eventually(() -> node.side().close())
        .eventually(() -> node.fake() == null ? Future.succeededFuture() : node.fake().close());
  }
}
