package com.conecta.hub.marketing.campaign;

import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a campaign's segment and parameter mapping into SQL over contacts (alias {@code ct}). Only whitelisted
 * expressions are written into the SQL; every value from the user is a parameter.
 */
public final class SegmentSql {
  private static final Set<String> SEGMENT_KEYS = Set.of("labels", "leadStage", "leadSource", "interestArea",
      "accountKind", "city", "customAttributes", "lastContactedBefore", "lastContactedAfter");
  private static final Map<String, String> FIELDS = Map.of(
      "contact.name", "ct.name", "contact.city", "ct.city", "contact.email", "ct.email", "contact.phone", "ct.phone",
      "account.name", "(select a.name from accounts a where a.id = ct.account_id)",
      "lead.interestArea", "(select l.interest_area from leads l where l.contact_id = ct.id order by l.id desc limit 1)",
      "lead.stage", "(select l.stage from leads l where l.contact_id = ct.id order by l.id desc limit 1)");

  /**
   * A hub user is never a customer: a contact sharing an active user's phone (as any identity or the phone field) or
   * email is left out of every audience, however it came into the CRM.
   */
  static final String STAFF_EXCLUDED = """
      ct.id not in (select ci.contact_id from contact_identities ci join users u on u.active and u.phone is not null
                    where (ci.kind = 'whatsapp' and ci.value = regexp_replace(u.phone, '[^0-9]', '', 'g'))
                       or (ci.kind = 'phone' and ci.value = '+' || regexp_replace(u.phone, '[^0-9]', '', 'g')))
      and coalesce(lower(ct.email), '') not in (select lower(u.email) from users u where u.active)
      and regexp_replace(coalesce(ct.phone, ''), '[^0-9]', '', 'g') not in (
        select regexp_replace(u.phone, '[^0-9]', '', 'g') from users u
        where u.active and length(regexp_replace(coalesce(u.phone, ''), '[^0-9]', '', 'g')) >= 8)""";

  /** A WHERE condition with its parameters, numbered from a given position. */
  public record Condition(String sql, List<Object> params) {
    public Tuple appendTo(Tuple t) {
      params.forEach(t::addValue);
      return t;
    }
  }

  private SegmentSql() {}

  /** Who may receive: never opted-out or do-not-contact people, and only those reachable on the channel. */
  public static Condition audience(JsonObject segment, String channel, int firstParam) {
    for (String key : segment.fieldNames()) {
      if (!SEGMENT_KEYS.contains(key)) {
        throw ApiError.invalid("segment." + key, "'" + key + "' is not a segment filter; use " + String.join(", ",
            new java.util.TreeSet<>(SEGMENT_KEYS)));
      }
    }
    List<String> where = new ArrayList<>();
    where.add(OPTED_IN);
    where.add(reachable(channel));
    where.add("ct.merged_into_id is null");
    where.add(STAFF_EXCLUDED);
    return filters(segment, firstParam, where);
  }

  /**
   * Who the segment matches but the campaign leaves out, by reason: opted out (or do-not-contact), or without an address
   * on the inbox's channel. Answers one row: {@code opted_out}, {@code no_address}.
   */
  public static Condition excluded(JsonObject segment, String channel, int firstParam) {
    List<String> where = new ArrayList<>();
    where.add("ct.merged_into_id is null");
    where.add(STAFF_EXCLUDED);
    Condition matched = filters(segment, firstParam, where);
    return new Condition("select count(*) filter (where not (" + OPTED_IN + ")) as opted_out, "
        + "count(*) filter (where (" + OPTED_IN + ") and not " + reachable(channel) + ") as no_address "
        + "from contacts ct where " + matched.sql(), matched.params());
  }

  private static final String UNACCENT = "translate(lower(%s), 'áéíóúüñ', 'aeiouun')";
  private static final String OPTED_IN = "not ct.do_not_contact and ct.opted_out_at is null";

  private static String reachable(String channel) {
    String kinds = switch (channel) {
      case "whatsapp" -> "'whatsapp', 'whatsapp_bsuid'";
      case "twilio" -> "'whatsapp', 'phone'";
      case "email" -> "'email'";
      default -> "'api'";
    };
    return "exists (select 1 from contact_identities ci where ci.contact_id = ct.id and ci.kind in (" + kinds + "))";
  }

  private static Condition filters(JsonObject segment, int firstParam, List<String> where) {
    List<Object> params = new ArrayList<>();
    int n = firstParam;
    JsonArray labels = segment.getJsonArray("labels");
    if (labels != null && !labels.isEmpty()) {
      where.add("exists (select 1 from conversations cv where cv.contact_id = ct.id and cv.labels && $" + n++ + "::text[])");
      params.add(labels.stream().map(String::valueOf).toArray(String[]::new));
    }
    for (String[] leadFilter : new String[][] {{"leadStage", "stage"}, {"leadSource", "source"}, {"interestArea", "interest_area"}}) {
      String value = string(segment, leadFilter[0]);
      if (value != null) {
        where.add("exists (select 1 from leads l where l.contact_id = ct.id and l." + leadFilter[1] + " = $" + n++ + ")");
        params.add(value);
      }
    }
    String kind = string(segment, "accountKind");
    if (kind != null) {
      // Before conversion there is no account yet: the customer type the bot learned is on the contact.
      where.add("(exists (select 1 from accounts a where a.id = ct.account_id and a.kind = $" + n + ") or "
          + "(ct.account_id is null and ct.custom_attributes ->> 'customerType' = $" + n++ + "))");
      params.add(kind);
    }
    String city = string(segment, "city");
    if (city != null) {
      // "Ñuñoa", "ñuñoa" and "Nunoa" are one commune: people (and the bot's entity reader) write it all three ways.
      where.add(UNACCENT.formatted("ct.city") + " = " + UNACCENT.formatted("$" + n++ + "::text"));
      params.add(city);
    }
    JsonObject custom = segment.getJsonObject("customAttributes");
    if (custom != null && !custom.isEmpty()) {
      where.add("ct.custom_attributes @> $" + n++ + "::jsonb");
      params.add(custom);
    }
    String before = string(segment, "lastContactedBefore");
    if (before != null) {
      where.add("coalesce((select max(cv.last_activity_at) from conversations cv where cv.contact_id = ct.id), "
          + "'-infinity') < $" + n++);
      params.add(time("segment.lastContactedBefore", before));
    }
    String after = string(segment, "lastContactedAfter");
    if (after != null) {
      where.add("(select max(cv.last_activity_at) from conversations cv where cv.contact_id = ct.id) > $" + n++);
      params.add(time("segment.lastContactedAfter", after));
    }
    return new Condition(String.join(" and ", where), params);
  }

  /**
   * The template's parameters for each contact as a SQL text[] expression. A parameter is "contact.name" (a field),
   * {"field": "...", "fallback": "..."} or {"text": "..."} (the same words for everyone).
   */
  public static Condition parameters(JsonArray mapping, int firstParam) {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    int n = firstParam;
    for (int i = 0; i < mapping.size(); i++) {
      Object m = mapping.getValue(i);
      String field;
      String fallback = "cliente";
      if (m instanceof String s) {
        field = s;
      } else if (m instanceof JsonObject o && o.getString("text") != null) {
        parts.add("$" + n++);
        params.add(o.getString("text"));
        continue;
      } else if (m instanceof JsonObject o && o.getString("field") != null) {
        field = o.getString("field");
        fallback = o.getString("fallback", fallback);
      } else {
        throw ApiError.invalid("params", "parameter " + (i + 1) + " must be a field name, {field, fallback} or {text}");
      }
      String expr;
      if (field.startsWith("custom.") && field.length() > 7) {
        expr = "ct.custom_attributes ->> $" + n++;
        params.add(field.substring(7));
      } else {
        expr = FIELDS.get(field);
        if (expr == null) {
          throw ApiError.invalid("params", "'" + field + "' is not a field a parameter can come from; use "
              + String.join(", ", new java.util.TreeSet<>(FIELDS.keySet())) + " or custom.<name>");
        }
      }
      parts.add("coalesce(nullif(btrim(" + expr + "), ''), $" + n++ + ")");
      params.add(fallback);
    }
    return new Condition(parts.isEmpty() ? "array[]::text[]" : "array[" + String.join(", ", parts) + "]::text[]", params);
  }

  private static String string(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw ApiError.invalid("segment." + key, "'" + key + "' must be text");
    }
    return s;
  }

  private static java.time.OffsetDateTime time(String field, String s) {
    try {
      return Instant.parse(s).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "use an ISO-8601 time such as 2026-01-31T00:00:00Z");
    }
  }
}
