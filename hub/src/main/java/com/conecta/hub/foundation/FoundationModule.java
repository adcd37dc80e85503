package com.conecta.hub.foundation;

import com.conecta.hub.channels.media.LocalMediaStorage;
import com.conecta.hub.foundation.account.AccountModule;
import com.conecta.hub.foundation.audit.AuditLog;
import com.conecta.hub.foundation.auth.AuthHandler;
import com.conecta.hub.foundation.auth.AuthRoutes;
import com.conecta.hub.foundation.auth.AuthService;
import com.conecta.hub.foundation.auth.AuthStore;
import com.conecta.hub.foundation.auth.PasswordHasher;
import com.conecta.hub.foundation.auth.SignInInvalidations;
import com.conecta.hub.foundation.auth.SignInLimiter;
import com.conecta.hub.foundation.auth.Tokens;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.foundation.privacy.PrivacyRoutes;
import com.conecta.hub.foundation.privacy.PrivacyService;
import com.conecta.hub.foundation.privacy.PrivacyStore;
import com.conecta.hub.foundation.runtime.BackgroundVerticle;
import com.conecta.hub.foundation.runtime.NodeResources;
import com.conecta.hub.foundation.runtime.RouteSteps;
import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.secrets.SecretKeys;
import com.conecta.hub.foundation.secrets.SecretSettings;
import com.conecta.hub.foundation.twofactor.TwoFactorModule;
import com.conecta.hub.foundation.webhook.WebhookModule;
import com.conecta.hub.operations.notify.NotificationStore;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sign-in and what surrounds it (sessions, two-factor, own account, tokens), the secrets' key, personal data and
 * outgoing webhooks: built first, since every other module's routes are checked by its {@link AuthHandler}.
 */
public final class FoundationModule {
  private final NodeResources node;
  private final SignInInvalidations invalidations;
  private final SecretSettings channelSecrets;
  private final TwoFactorModule twoFactor;
  private final AuthService auth;
  private final AuthHandler authHandler;
  private final AccountModule account;
  private final PrivacyRoutes privacy;
  private final WebhookModule webhooks;

  public FoundationModule(NodeResources node) {
    HubConfig config = node.config();
    this.node = node;
    this.invalidations = new SignInInvalidations(node.vertx(), node.redis());
    SecretBox secretBox = SecretKeys.load(config);
    this.channelSecrets = new SecretSettings(secretBox);
    this.twoFactor = TwoFactorModule.create(node.pool(), secretBox);
    this.auth = new AuthService(node.vertx(), new AuthStore(node.pool()), PasswordHasher.from(config), new Tokens(),
        config.auth().sessionHours(), new SignInLimiter(node.redis(), config.auth().failuresPerAccount(),
            config.auth().failuresPerIp(), config.auth().windowMinutes()), new AuditLog(), invalidations,
        twoFactor.gate());
    this.authHandler = new AuthHandler(auth);
    // Accounts people can trust (issue 26): own password, sign-out everywhere, forgotten password, two-factor sign-in.
    this.account = AccountModule.create(node.vertx(), node.pool(), node.redis(), config, auth);
    // Security and personal data (issue 11): a contact's export and erasure.
    this.privacy = new PrivacyRoutes(new PrivacyService(new PrivacyStore(node.pool()),
        new LocalMediaStorage(node.vertx(), config.dataDir().resolve("media")), new AuditLog()));
    // Outgoing webhooks (issue 25): the subscriptions API, and the delivery worker in the background.
    this.webhooks = WebhookModule.create(node.vertx(), node.pool(), node.side().queue(), secretBox,
        new NotificationStore(node.pool()), config, node.nodeId());
  }

  public AuthService auth() {
    return auth;
  }

  public AuthHandler authHandler() {
    return authHandler;
  }

  /** Seals and opens the channels' stored secrets (access tokens, mailbox passwords). */
  public SecretSettings channelSecrets() {
    return channelSecrets;
  }

  /** Sign-in invalidations heard from every node (subscribed before the node serves). */
  public SignInInvalidations invalidations() {
    return invalidations;
  }

  public void register(RouteSteps http) {
    boolean secureCookies = node.config().publicBaseUrl().startsWith("https://");
    http.api(new AuthRoutes(auth, secureCookies)::register);
    http.api(account::register);
    http.api(r -> twoFactor.register(r, auth, secureCookies));
    http.api(privacy::register);
    http.api(webhooks::register);
  }

  public List<Supplier<BackgroundVerticle>> background() {
    return List.of(webhooks::background);
  }
}
