package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.customfield.CustomField;
import com.conecta.hub.foundation.web.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each column of a file becomes: one target per column ({@code name}, {@code phone}, {@code email},
 * {@code identifier}, {@code labels}, {@code city}, {@code optin}, {@code custom} with its field key, or
 * {@code ignore}).
 */
public record ColumnMapping(List<Column> columns) {
  public static final Set<String> TARGETS = Set.of("name", "phone", "email", "identifier", "labels", "city", "optin",
      "custom", "ignore");

  /** One column: its position in the file, its header and its target. */
  public record Column(int index, String header, String target, String key) {
    public JsonObject toJson() {
      JsonObject j = new JsonObject().put("column", index).put("header", header).put("target", target);
      return key == null ? j : j.put("key", key);
    }
  }

  public JsonArray toJson() {
    return new JsonArray(columns.stream().map(Column::toJson).toList());
  }

  public boolean has(String target) {
    return columns.stream().anyMatch(c -> c.target().equals(target));
  }

  /**
   * Reads and checks the mapping a person chose: every target at most once (a custom field too), custom fields that
   * exist on contacts, and at least a phone, email or identifier so each row can be matched.
   */
  public static ColumnMapping fromJson(Object raw, List<String> header, List<CustomField> contactFields) {
    if (!(raw instanceof JsonArray array)) {
      throw ApiError.missing("mapping");
    }
    List<Column> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String field = "mapping[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject m)) {
        throw ApiError.invalid(field, "'" + field + "' must be an object with column and target");
      }
      Integer index = m.getValue("column") instanceof Number n ? n.intValue() : null;
      if (index == null || index < 0 || index >= header.size()) {
        throw ApiError.invalid(field + ".column", "'column' must be a column of the file, 0 to " + (header.size() - 1));
      }
      String target = m.getValue("target") instanceof String s ? s : null;
      if (target == null || !TARGETS.contains(target)) {
        throw ApiError.invalid(field + ".target", "'target' must be one of " + String.join(", ",
            new java.util.TreeSet<>(TARGETS)));
      }
      String key = null;
      if ("custom".equals(target)) {
        key = m.getValue("key") instanceof String s ? s : null;
        String wanted = key;
        if (wanted == null || contactFields.stream().noneMatch(f -> f.key().equals(wanted))) {
          throw ApiError.invalid(field + ".key", "'key' must name a custom field of contacts");
        }
      }
      if (!"ignore".equals(target) && !taken.add(target + ":" + key)) {
        throw ApiError.invalid(field + ".target", "two columns cannot both be " + target + (key == null ? "" : " " + key));
      }
      if (out.stream().anyMatch(c -> c.index() == index)) {
        throw ApiError.invalid(field + ".column", "column " + index + " is mapped twice");
      }
      out.add(new Column(index, header.get(index), target, key));
    }
    ColumnMapping mapping = new ColumnMapping(List.copyOf(out));
    if (!mapping.has("phone") && !mapping.has("email") && !mapping.has("identifier")) {
      throw ApiError.invalid("mapping", "map a phone, email or identifier column: rows are matched to contacts by them");
    }
    return mapping;
  }
}
