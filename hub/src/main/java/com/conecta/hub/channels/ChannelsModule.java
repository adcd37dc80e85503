package com.conecta.hub.channels;

import com.conecta.connectors.sandbox.email.SandboxMailServer;
import com.conecta.hub.channels.clients.ChannelClients;
import com.conecta.hub.channels.email.InboundEmailService;
import com.conecta.hub.channels.email.MailboxReading;
import com.conecta.hub.channels.media.MediaRoutes;
import com.conecta.hub.channels.twilio.TwilioWebhookRoutes;
import com.conecta.hub.channels.webform.FormReplyRoutes;
import com.conecta.hub.channels.webform.FormReplyService;
import com.conecta.hub.channels.webform.FormReplyStore;
import com.conecta.hub.channels.webform.FormRoutes;
import com.conecta.hub.channels.webform.FormService;
import com.conecta.hub.channels.webform.FormStore;
import com.conecta.hub.channels.whatsapp.WhatsAppWebhookRoutes;
import com.conecta.hub.channels.whatsapptemplate.WhatsAppTemplateModule;
import com.conecta.hub.commerce.catalogue.BusinessCatalogue;
import com.conecta.hub.commerce.catalogue.CatalogueForms;
import com.conecta.hub.customers.contact.ContactMergeStore;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.foundation.sandbox.SandboxPhoneRoutes;
import com.conecta.hub.messaging.MessagingModule;
import com.conecta.hub.messaging.conversation.ConversationStore;
import com.conecta.hub.operations.OperationsModule;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What comes in from the channels: the providers' webhooks (WhatsApp, Twilio), the mailboxes read over IMAP, the web
 * forms and the answers to them, media, and the WhatsApp templates managed with Meta. Each turns what arrives into an
 * ingest of the messaging module.
 */
public final class ChannelsModule {
  private static final Logger log = LoggerFactory.getLogger(ChannelsModule.class);
  static final String SANDBOX_APP_SECRET = "sandbox-app-secret";
  static final String SANDBOX_VERIFY_TOKEN = "sandbox-verify-token";

  private final NodeResources node;
  private final ChannelClients clients;
  private final MessagingModule messaging;
  private final OperationsModule operations;
  private final String appSecret;
  private final String verifyToken;
  private final WhatsAppTemplateModule waTemplates;
  private final FormService forms;
  private final MailboxReading email;

  public ChannelsModule(NodeResources node, ChannelClients clients, MessagingModule messaging,
      OperationsModule operations, BusinessCatalogue catalogue) {
    HubConfig config = node.config();
    this.node = node;
    this.clients = clients;
    this.messaging = messaging;
    this.operations = operations;
    this.appSecret = !config.whatsapp().appSecret().isEmpty() ? config.whatsapp().appSecret()
        : config.sandbox().enabled() ? SANDBOX_APP_SECRET : "";
    this.verifyToken = !config.whatsapp().verifyToken().isEmpty() ? config.whatsapp().verifyToken()
        : config.sandbox().enabled() ? SANDBOX_VERIFY_TOKEN : "";
    if (appSecret.isEmpty()) {
      log.warn("whatsapp.app-secret is not set: WhatsApp webhooks are refused until it is");
    }
    // WhatsApp templates managed with Meta (issue 25): kept per account, Meta's decisions arrive by the webhook.
    this.waTemplates = WhatsAppTemplateModule.create(node.vertx(), node.pool(), messaging.inboxes(),
        node.graphBaseUrl(), config.whatsapp().apiVersion(), config.sandbox().enabled());
    this.forms = new FormService(new CatalogueForms(catalogue), messaging.inboxes(), messaging.ingest(),
        new FormStore(node.pool()), operations.assignment(), new ContactMergeStore(node.pool()));
    // Email (issue 6): mailboxes read by IMAP into ingest, one node per mailbox.
    this.email = new MailboxReading(node.vertx(), clients.emailStore(),
        new InboundEmailService(messaging.ingest(), clients.media()), node.nodeId(),
        new MailboxReading.Settings(config.email().reading(), config.email().pollSeconds(),
            config.email().leaseSeconds()));
  }

  /** The secret WhatsApp's webhooks are signed with (the sandbox's fake signs with it too). */
  public String appSecret() {
    return appSecret;
  }

  public WhatsAppTemplateModule whatsAppTemplates() {
    return waTemplates;
  }

  public FormService forms() {
    return forms;
  }

  /**
   * Sandbox only: a local mail server for the demo email inbox, and for email notices when no SMTP is configured.
   * Not waited for: the hub serves without it, and says so.
   */
  public void startSandboxMail() {
    HubConfig config = node.config();
    if (!config.sandbox().enabled() || !config.email().sandboxServer()) {
      return;
    }
    node.vertx().executeBlocking(() -> SandboxMailServer.start("127.0.0.1", config.email().sandboxSmtpPort(),
            config.email().sandboxImapPort()))
        .onSuccess(mail -> {
          email.useSandboxServer(address -> mail.inboxSettings(address, "Conecta Demo"), mail);
          operations.notificationWorker().useSandboxSmtp("127.0.0.1", mail.smtpPort());
          log.info("sandbox: local mail server for the demo email inbox: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}",
              mail.smtpPort(), mail.imapPort());
        })
        .onFailure(e -> log.warn("sandbox: local mail server not started ({}); the demo email inbox is not read",
            e.toString()));
  }

  /** The providers' webhooks, outside the API (they read their own bodies and check their signatures). */
  public void registerWebhooks(RouteSteps http) {
    http.router(new WhatsAppWebhookRoutes(appSecret, verifyToken, messaging.inboxes(), messaging.ingest(),
        messaging.delivery(), node.metrics(), waTemplates::onAccountEvent)::register);
    http.router(new TwilioWebhookRoutes(node.config().publicBaseUrl(), messaging.inboxes(), messaging.ingest(),
        messaging.delivery(), node.metrics())::register);
  }

  public void register(RouteSteps http) {
    http.api(waTemplates::register); // issue 25: /api/v1/whatsapp-templates
    http.api(new MediaRoutes(clients.media(), messaging.conversations())::register);
    http.api(new FormReplyRoutes(new FormReplyService(messaging.conversations(), new ConversationStore(node.pool()),
        new FormReplyStore(node.pool()), new ContactMergeStore(node.pool()), messaging.templates(),
        node.broker()))::register);
  }

  /** The public web forms (no session; a rate limit per client address). */
  public void registerForms(RouteSteps http) {
    http.router(new FormRoutes(forms, node.redis(), node.config().forms().perIpPerMinute())::register);
  }

  /** Sandbox only: the phone page that plays the customer's side of the fake WhatsApp. */
  public void registerSandboxPhone(RouteSteps http, IntSupplier hubPort) {
    if (node.fake() != null) {
      http.router(new SandboxPhoneRoutes(node.fake(), messaging.inboxes(), WebClient.create(node.vertx()), appSecret,
          hubPort)::register);
    }
  }

  public List<BackgroundVerticle.Periodic> passes() {
    return List.of(new BackgroundVerticle.Periodic("whatsapp templates sync", WhatsAppTemplateModule.SYNC_EVERY_MS,
        waTemplates::syncAll));
  }

  /** The mailboxes' reading, on a verticle of its own. */
  public Supplier<BackgroundVerticle> mailReader() {
    return () -> new BackgroundVerticle("mail", List.of(new BackgroundVerticle.Worker("mail", email::start,
        email::stop)), List.of());
  }
}
