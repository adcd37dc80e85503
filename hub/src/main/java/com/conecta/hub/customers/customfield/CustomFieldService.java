package com.conecta.hub.customers.customfield;

import com.conecta.hub.customers.crm.CrudExtension;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin-defined fields on contacts, accounts, leads and tickets: their definitions, the checks of their values when a
 * record is written, the {@code cf.<key>} list filters, and storing a bot's answer into one.
 */
public record CustomFieldService(CustomFieldStore store) {
  private static final Logger log = LoggerFactory.getLogger(CustomFieldService.class);
  public static final Set<String> ENTITIES = Set.of("contact", "account", "lead", "ticket");
  public static final Set<String> TYPES = Set.of("text", "number", "money", "date", "choice", "checkbox");
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final String BODY_FIELD = "customAttributes";

  public Future<List<CustomField>> list(String entity) {
    if (entity != null && !ENTITIES.contains(entity)) {
      return Future.failedFuture(ApiError.badRequest("invalid_parameter", "'entity' must be one of "
          + String.join(", ", new java.util.TreeSet<>(ENTITIES)), "entity"));
    }
    return store.list(entity);
  }

  public Future<CustomField> create(JsonObject body) {
    String entity = string(body, "entity", true);
    if (!ENTITIES.contains(entity)) {
      throw ApiError.invalid("entity", "'entity' must be one of " + String.join(", ", new java.util.TreeSet<>(ENTITIES)));
    }
    String key = string(body, "key", true);
    if (!KEY.matcher(key).matches()) {
      throw ApiError.invalid("key", "'key' is lower-case letters, digits and _ (at most 40), starting with a letter");
    }
    String type = string(body, "type", true);
    if (!TYPES.contains(type)) {
      throw ApiError.invalid("type", "'type' must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
    }
    String labelEs = label(body, "es", true);
    String labelEn = label(body, "en", false);
    List<String> choices = choices(body, "choice".equals(type));
    boolean required = Boolean.TRUE.equals(bool(body, "required"));
    return store.insert(entity, key, labelEs, labelEn, type, choices, required).compose(f -> f != null
        ? Future.succeededFuture(f)
        : Future.failedFuture(new ApiError(409, "duplicate_key", "a " + entity + " field '" + key + "' exists", "key")));
  }

  /** Labels, choices and whether it is required may change; entity, key and type may not (stored values follow them). */
  public Future<CustomField> update(long id, JsonObject body) {
    for (String k : body.fieldNames()) {
      if (!Set.of("label", "labelEs", "labelEn", "choices", "required").contains(k)) {
        throw new ApiError(422, "read_only_field", "'" + k + "' cannot be changed; add a new field instead", k);
      }
    }
    return store.byId(id).compose(f -> {
      if (f == null) {
        return Future.failedFuture(ApiError.notFound("custom field " + id));
      }
      List<String> choices = body.containsKey("choices") ? choices(body, "choice".equals(f.type())) : null;
      return store.update(id, label(body, "es", false), label(body, "en", false), choices, bool(body, "required"));
    });
  }

  public Future<Void> delete(long id) {
    return store.delete(id).compose(found -> found ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("custom field " + id)));
  }

  /** The hooks that make a CRM resource check and filter this entity's custom fields. */
  public CrudExtension extensionFor(String entity) {
    return new CrudExtension() {
      @Override
      public Future<Void> beforeWrite(JsonObject body, boolean creating) {
        if (!creating && !body.containsKey(BODY_FIELD)) {
          return Future.succeededFuture();
        }
        return store.list(entity).map(fields -> {
          Object raw = body.getValue(BODY_FIELD);
          JsonObject values = raw instanceof JsonObject o ? o : new JsonObject();
          for (CustomField f : fields) {
            String name = BODY_FIELD + "." + f.key();
            Object typed = CustomFieldValues.fromJson(f, values.getValue(f.key()), name);
            if (typed == null && f.required()) {
              throw ApiError.missing(name);
            }
            if (typed != null) {
              // the stored form is the checked one (a trimmed text, a normalized date)
              values.put(f.key(), typed);
            }
          }
          return null;
        });
      }

      @Override
      public Future<Condition> filter(String param, String value) {
        if (!param.startsWith("cf.")) {
          return null;
        }
        String key = param.substring(3);
        return store.list(entity).map(fields -> {
          CustomField f = fields.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow(() ->
              ApiError.badRequest("unknown_filter", "'" + key + "' is not a custom field of " + entity + "s", param));
          Object typed;
          try {
            typed = CustomFieldValues.fromText(f, value, param);
          } catch (ApiError e) {
            throw ApiError.badRequest("invalid_parameter", e.getMessage(), param);
          }
          if (typed == null) {
            return new Condition("not (t.custom_attributes ? $1)", List.of(key));
          }
          // containment, as campaign segments match customAttributes
          return new Condition("t.custom_attributes @> $1::jsonb", List.of(new JsonObject().put(key, typed)));
        });
      }
    };
  }

  /**
   * Stores bot answers into custom fields, inside the bot's transaction: {@code answers} maps a field key to the
   * customer's words; the field is looked up on the created record's entity first, then on the contact. Answers
   * that do not fit the field are skipped (the bot already accepted them as text; a person sees them in the note).
   */
  public Future<Void> storeAnswers(SqlClient tx, String recordEntity, long recordId, long contactId,
      Map<String, String> answers) {
    if (answers.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.list(null).compose(fields -> {
      JsonObject onRecord = new JsonObject();
      JsonObject onContact = new JsonObject();
      answers.forEach((key, text) -> {
        CustomField f = find(fields, recordEntity, key);
        JsonObject target = onRecord;
        if (f == null) {
          f = find(fields, "contact", key);
          target = onContact;
        }
        if (f == null) {
          // a default flow may name a field this installation has not defined (yet)
          log.debug("bot answer for undefined custom field '{}' skipped", key);
          return;
        }
        try {
          Object typed = CustomFieldValues.fromText(f, text, key);
          if (typed != null) {
            target.put(key, typed);
          }
        } catch (ApiError e) {
          log.info("bot answer for custom field '{}' does not fit it: {}", key, e.getMessage());
        }
      });
      // one connection: the writes go one after the other
      Future<Void> chain = Future.succeededFuture();
      if (!onRecord.isEmpty()) {
        chain = chain.compose(v -> store.merge(tx, recordEntity, recordId, onRecord));
      }
      if (!onContact.isEmpty()) {
        chain = chain.compose(v -> store.merge(tx, "contact", contactId, onContact));
      }
      return chain;
    });
  }

  private static CustomField find(List<CustomField> fields, String entity, String key) {
    return fields.stream().filter(f -> f.entity().equals(entity) && f.key().equals(key)).findFirst().orElse(null);
  }

  private static String string(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null && required) {
      throw ApiError.missing(field);
    }
    if (v != null && !(v instanceof String)) {
      throw ApiError.invalid(field, "'" + field + "' must be text");
    }
    return (String) v;
  }

  private static Boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof Boolean)) {
      throw ApiError.invalid(field, "'" + field + "' must be true or false");
    }
    return (Boolean) v;
  }

  /** {"label": {"es", "en"}} or "labelEs"/"labelEn". */
  private static String label(JsonObject body, String lang, boolean required) {
    String field = "label." + lang;
    Object v = body.getValue("label") instanceof JsonObject l ? l.getValue(lang)
        : body.getValue("label" + Character.toUpperCase(lang.charAt(0)) + lang.substring(1));
    if (v == null && "es".equals(lang) && body.getValue("label") instanceof String s) {
      v = s;
    }
    if (v == null) {
      if (required) {
        throw ApiError.missing(field);
      }
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > 100) {
      throw ApiError.invalid(field, "'" + field + "' must be text of at most 100 characters");
    }
    return s.trim();
  }

  private static List<String> choices(JsonObject body, boolean needed) {
    Object v = body.getValue("choices");
    if (v == null) {
      if (needed) {
        throw ApiError.missing("choices");
      }
      return List.of();
    }
    if (!needed) {
      throw ApiError.invalid("choices", "only choice fields have choices");
    }
    if (!(v instanceof JsonArray a) || a.isEmpty() || a.size() > 100) {
      throw ApiError.invalid("choices", "'choices' is a list of 1 to 100 texts");
    }
    List<String> out = new ArrayList<>();
    for (Object c : a) {
      if (!(c instanceof String s) || s.isBlank() || s.length() > 100 || out.contains(s.trim())) {
        throw ApiError.invalid("choices", "each choice is a distinct, non-empty text of at most 100 characters");
      }
      out.add(s.trim());
    }
    return out;
  }
}
