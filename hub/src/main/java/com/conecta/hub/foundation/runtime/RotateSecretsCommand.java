package com.conecta.hub.foundation.runtime;

import com.conecta.hub.foundation.secrets.SecretBox;
import com.conecta.hub.foundation.secrets.SecretKeys;
import com.conecta.hub.foundation.secrets.SecretSettings;
import com.conecta.hub.foundation.config.HubConfig;
import com.conecta.hub.messaging.inbox.InboxStore;
import com.conecta.hub.foundation.platform.Database;
import com.conecta.hub.foundation.twofactor.TwoFactorStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar conecta-hub.jar rotate-secrets}: with the new key in {@code CONECTA_SECRETS_KEY} and the old one in
 * {@code CONECTA_SECRETS_PREVIOUS_KEYS}, re-seals every stored secret (channel settings, two-factor keys) with the new key, and seals
 * those stored before encryption. Safe to run twice and while nodes run: a node opens values sealed with either key.
 */
public final class RotateSecretsCommand {
  private static final Logger log = LoggerFactory.getLogger(RotateSecretsCommand.class);

  private RotateSecretsCommand() {}

  /** Re-seals on the database at {@code dbUrl}; answers how many rows (inboxes, two-factor keys) were re-sealed. */
  public static Future<Integer> run(Vertx vertx, HubConfig config, String dbUrl) {
    SecretBox box = SecretKeys.load(config);
    return Database.migrate(vertx, dbUrl).compose(v -> {
      Pool pool = Database.pool(vertx, dbUrl, 2);
      return new InboxStore(pool, new SecretSettings(box)).resealSecrets()
          .onSuccess(n -> log.info("rotate-secrets: the secrets of {} inboxes re-sealed with the current key", n))
          .compose(inboxes -> new TwoFactorStore(pool, box).resealSecrets()
              .onSuccess(n -> log.info("rotate-secrets: {} two-factor secrets re-sealed with the current key", n))
              .map(n -> n + inboxes))
          .eventually(pool::close);
    });
  }
}
