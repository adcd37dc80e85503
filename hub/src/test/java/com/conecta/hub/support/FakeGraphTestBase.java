package com.conecta.hub.support;

import com.conecta.connectors.sandbox.whatsapp.FakeWhatsAppCloudApi;
import io.vertx.core.json.JsonObject;

/**
 * A hub whose WhatsApp inboxes talk to the kit's fake Graph API: what the hub sends lands in {@link #fake}, customers
 * write through {@link #graph} (the kit's app secret signs their webhooks); both are closed after the class. A class
 * adds its own settings with {@link #moreConfig()}.
 */
public abstract class FakeGraphTestBase extends HubTestBase {
  protected FakeWhatsAppCloudApi fake;

  @Override
  protected final JsonObject extraConfig() {
    fake = startFakeGraph().api();
    return graph.config().mergeIn(moreConfig());
  }

  /** This class's own hub settings, beside the fake Graph API's. */
  protected JsonObject moreConfig() {
    return new JsonObject();
  }
}
