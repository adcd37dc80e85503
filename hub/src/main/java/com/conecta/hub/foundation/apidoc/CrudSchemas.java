package com.conecta.hub.foundation.apidoc;

import com.conecta.hub.customers.crm.FieldSpec;
import com.conecta.hub.customers.crm.ResourceSpec;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON Schemas of a CRM resource (the record as answered, and what a create or update takes) and default summaries. */
final class CrudSchemas {
  private CrudSchemas() {}

  static JsonObject record(ResourceSpec spec) {
    JsonObject props = new JsonObject();
    for (FieldSpec f : spec.fields()) {
      JsonObject s = OpenApiDocument.fieldSchema(f);
      props.put(f.json(), f.type() == FieldSpec.Type.ID ? s : new JsonObject().put("anyOf",
          new JsonArray().add(s).add(new JsonObject().put("type", "null"))));
    }
    return new JsonObject().put("type", "object").put("properties", props)
        .put("required", new JsonArray().add("id"));
  }

  static JsonObject input(ResourceSpec spec) {
    JsonObject props = new JsonObject();
    JsonArray required = new JsonArray();
    for (FieldSpec f : spec.fields()) {
      if (!f.writable()) {
        continue;
      }
      props.put(f.json(), OpenApiDocument.fieldSchema(f));
      if (f.required()) {
        required.add(f.json());
      }
    }
    JsonObject s = new JsonObject().put("type", "object").put("properties", props)
        .put("description", "On create the required fields must be given; on update only the fields that change.");
    if (!required.isEmpty()) {
      s.put("required", required);
    }
    return s;
  }

  static JsonArray listParameters(ResourceSpec spec) {
    JsonArray params = new JsonArray()
        .add(query("q", new JsonObject().put("type", "string").put("maxLength", 200), "Text search"))
        .add(query("cursor", new JsonObject().put("type", "string"), "The nextCursor of the previous page"))
        .add(query("limit", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 100), "Page size"));
    for (FieldSpec f : spec.fields()) {
      if (f.filterable()) {
        params.add(query(f.json(), OpenApiDocument.fieldSchema(f), "Only records with this " + f.json()));
      }
    }
    return params;
  }

  private static JsonObject query(String name, JsonObject schema, String description) {
    return new JsonObject().put("name", name).put("in", "query").put("required", false).put("schema", schema)
        .put("description", description);
  }

  /** "List contacts", "Read a contact", "Update a lead" … for routes the curated file does not name. */
  static String summary(HttpMethod method, String path) {
    String[] parts = path.replace("/api/v1/", "").split("/");
    String last = parts[parts.length - 1];
    boolean item = last.startsWith("{");
    String subject = String.join(" ", java.util.Arrays.stream(parts).filter(p -> !p.startsWith("{"))
        .map(p -> p.replace('-', ' ')).toList());
    return switch (method.name()) {
      case "GET" -> (item ? "Read " : "List ") + subject;
      case "POST" -> (item ? "Act on " : "Create or act: ") + subject;
      case "PUT" -> "Replace " + subject;
      case "PATCH" -> "Update " + subject;
      case "DELETE" -> "Delete " + subject;
      default -> method.name() + " " + subject;
    };
  }
}
