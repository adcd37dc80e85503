package com.conecta.hub.marketing.campaign;

import com.conecta.connectors.whatsapp.templates.TemplateRules;
import com.conecta.hub.foundation.web.ApiError;
import com.conecta.templates.TemplateCatalogue;
import com.conecta.templates.TemplateException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The templates a campaign may send: a template approved by Meta for the inbox's WhatsApp Business Account in the
 * campaign's exact language (kept from Meta, issue 25) first, else the catalogue in code (templates/whatsapp.yaml),
 * which notices and reminders keep using. Both send as name + language + body parameters.
 */
public record CampaignTemplates(TemplateCatalogue catalogue, ApprovedTemplates approved) {
  /** The approved Meta template of this name and exact language for the inbox's account, or null. */
  @FunctionalInterface
  public interface ApprovedTemplates {
    Future<JsonObject> approvedOne(long inboxId, String name, String language);
  }

  /** The catalogue alone (no account templates). */
  public static CampaignTemplates catalogueOnly(TemplateCatalogue catalogue) {
    return new CampaignTemplates(catalogue, (inbox, name, language) -> Future.succeededFuture(null));
  }

  /** Fails with 422 (field named) when the template cannot be sent by this inbox with this many parameters. */
  public Future<Void> check(long inboxId, String name, String language, int params) {
    return approved.approvedOne(inboxId, name, language).map(meta -> {
      if (meta != null) {
        if (TemplateRules.placeholderCount(text(meta, "HEADER")) > 0) {
          throw ApiError.invalid("template.name", "template '" + name + "' has a placeholder in its header, which "
              + "campaigns cannot fill yet: pick a template whose header is fixed text");
        }
        int expected = TemplateRules.placeholderCount(text(meta, "BODY"));
        if (expected != params) {
          throw ApiError.invalid("params", "template '" + name + "' (" + language + ") takes " + expected
              + " parameters, the campaign maps " + params);
        }
        return null;
      }
      try {
        var t = catalogue.find(name);
        if (t.params().size() != params) {
          throw ApiError.invalid("params", "template '" + name + "' takes " + t.params().size() + " parameters ("
              + String.join(", ", t.params()) + "), the campaign maps " + params);
        }
      } catch (TemplateException e) {
        throw new ApiError(422, e.code(), "there is no template named '" + name + "' approved in " + language
            + " for this inbox's WhatsApp account, nor in the catalogue", e.field());
      }
      return null;
    });
  }

  /** The body with its {{n}} placeholders in the campaign's language (the catalogue falls back to Spanish). */
  public Future<String> body(long inboxId, String name, String language) {
    return approved.approvedOne(inboxId, name, language).map(meta -> {
      if (meta != null) {
        return text(meta, "BODY");
      }
      var languages = catalogue.find(name).languages();
      var l = languages.containsKey(language) ? languages.get(language) : languages.get("es");
      return l == null ? "[" + name + "]" : l.body();
    });
  }

  private static String text(JsonObject template, String type) {
    for (Object o : template.getJsonArray("components", new io.vertx.core.json.JsonArray())) {
      if (o instanceof JsonObject c && type.equalsIgnoreCase(c.getString("type"))) {
        return c.getString("text");
      }
    }
    return null;
  }
}
