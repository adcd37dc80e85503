package com.conecta.hub.customers.crm;

import java.util.Set;

/**
 * One field of a CRM resource: its JSON name, its column, its type and rules.
 *
 * @param values the allowed values of an ENUM field
 * @param max the longest TEXT accepted
 */
public record FieldSpec(String json, String column, Type type, boolean required, boolean writable, boolean filterable,
    Set<String> values, int max, String refTable) {

  public enum Type { TEXT, EMAIL, PHONE, ENUM, INT, BOOL, TIMESTAMP, JSON, REF, ID }

  public static FieldSpec id() {
    return new FieldSpec("id", "id", Type.ID, false, false, false, Set.of(), 0, null);
  }

  public static FieldSpec text(String json, String column, int max) {
    return new FieldSpec(json, column, Type.TEXT, false, true, false, Set.of(), max, null);
  }

  public static FieldSpec email(String json, String column) {
    return new FieldSpec(json, column, Type.EMAIL, false, true, true, Set.of(), 254, null);
  }

  public static FieldSpec phone(String json, String column) {
    return new FieldSpec(json, column, Type.PHONE, false, true, true, Set.of(), 40, null);
  }

  public static FieldSpec oneOf(String json, String column, Set<String> values) {
    return new FieldSpec(json, column, Type.ENUM, false, true, true, values, 0, null);
  }

  public static FieldSpec integer(String json, String column) {
    return new FieldSpec(json, column, Type.INT, false, true, false, Set.of(), 0, null);
  }

  public static FieldSpec bool(String json, String column) {
    return new FieldSpec(json, column, Type.BOOL, false, true, true, Set.of(), 0, null);
  }

  public static FieldSpec time(String json, String column) {
    return new FieldSpec(json, column, Type.TIMESTAMP, false, true, false, Set.of(), 0, null);
  }

  public static FieldSpec json(String json, String column) {
    return new FieldSpec(json, column, Type.JSON, false, true, false, Set.of(), 0, null);
  }

  public static FieldSpec ref(String json, String column, String table) {
    return new FieldSpec(json, column, Type.REF, false, true, true, Set.of(), 0, table);
  }

  /** The id of a row in another feature's table, stored without a foreign key and not checked here. */
  public static FieldSpec looseRef(String json, String column) {
    return new FieldSpec(json, column, Type.REF, false, true, true, Set.of(), 0, null);
  }

  public static FieldSpec readOnlyTime(String json, String column) {
    return new FieldSpec(json, column, Type.TIMESTAMP, false, false, false, Set.of(), 0, null);
  }

  public FieldSpec asRequired() {
    return new FieldSpec(json, column, type, true, writable, filterable, values, max, refTable);
  }

  /** Shown on every answer, set only by the feature that owns it (a lead's opportunity, set by its conversion). */
  public FieldSpec asReadOnly() {
    return new FieldSpec(json, column, type, required, false, filterable, values, max, refTable);
  }

  public FieldSpec asFilterable() {
    return new FieldSpec(json, column, type, required, writable, true, values, max, refTable);
  }
}
