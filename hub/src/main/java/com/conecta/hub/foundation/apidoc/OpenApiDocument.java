package com.conecta.hub.foundation.apidoc;

import com.conecta.hub.customers.crm.FieldSpec;
import com.conecta.hub.customers.crm.ResourceSpec;
import com.conecta.hub.foundation.auth.RouteTable;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the hub's API, made from the route table itself (so a route cannot be registered and
 * left out), the CRM resources' field lists (their schemas come from the same description the API validates with),
 * and {@code openapi/operations.json} for what the table cannot know: summaries, request and answer schemas of the
 * other routes, and the endpoints outside {@code /api} (webhooks, health).
 */
public final class OpenApiDocument {
  private static final Pattern PATH_PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9_]*)");

  private final JsonObject curated;
  private final Map<String, ResourceSpec> resources = new TreeMap<>();

  public OpenApiDocument(JsonObject curated, List<ResourceSpec> crud) {
    this.curated = curated;
    crud.forEach(spec -> resources.put(spec.path(), spec));
  }

  /** {@code /api/v1/contacts/:id} → {@code /api/v1/contacts/{id}}. */
  public static String openApiPath(String vertxPath) {
    return PATH_PARAM.matcher(vertxPath).replaceAll("{$1}");
  }

  public JsonObject build(List<RouteTable.Entry> entries, String serverUrl) {
    JsonObject components = curated.getJsonObject("components").copy();
    JsonObject schemas = components.getJsonObject("schemas");
    resources.values().forEach(spec -> {
      schemas.put(schemaName(spec), CrudSchemas.record(spec));
      schemas.put(schemaName(spec) + "Input", CrudSchemas.input(spec));
    });
    JsonObject paths = new JsonObject(new TreeMap<>());
    for (RouteTable.Entry e : entries) {
      String path = openApiPath(e.path());
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        paths.put(path, item);
      }
      item.put(e.method().name().toLowerCase(Locale.ROOT), operation(e, path));
    }
    JsonObject outside = curated.getJsonObject("outsideTable", new JsonObject());
    for (String path : outside.fieldNames()) {
      paths.put(path, outside.getJsonObject(path).copy());
    }
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", curated.getJsonObject("info").copy())
        .put("servers", new JsonArray().add(new JsonObject().put("url", serverUrl)))
        .put("tags", tags(entries))
        .put("paths", paths)
        .put("components", components);
  }

  private JsonArray tags(List<RouteTable.Entry> entries) {
    TreeMap<String, Boolean> names = new TreeMap<>();
    entries.forEach(e -> names.put(tag(e.path()), true));
    JsonArray out = new JsonArray();
    names.keySet().forEach(n -> out.add(new JsonObject().put("name", n)));
    return out;
  }

  private static String tag(String path) {
    String[] parts = path.split("/");
    return parts.length > 3 ? parts[3] : "api";
  }

  private JsonObject operation(RouteTable.Entry e, String path) {
    String key = e.method().name() + " " + path;
    JsonObject known = curated.getJsonObject("operations", new JsonObject()).getJsonObject(key, new JsonObject());
    JsonObject op = new JsonObject()
        .put("operationId", operationId(e.method(), path))
        .put("tags", new JsonArray().add(tag(e.path())))
        .put("summary", known.getString("summary", CrudSchemas.summary(e.method(), path)))
        .put("x-access", e.access().name());
    if (known.containsKey("description")) {
      op.put("description", known.getString("description"));
    }
    JsonArray params = new JsonArray();
    Matcher m = PATH_PARAM.matcher(e.path());
    while (m.find()) {
      params.add(new JsonObject().put("name", m.group(1)).put("in", "path").put("required", true)
          .put("schema", new JsonObject().put("type", m.group(1).toLowerCase(Locale.ROOT).endsWith("id")
              ? "integer" : "string")));
    }
    ResourceSpec crud = crudResource(path);
    boolean item = path.endsWith("/{id}");
    if (crud != null && e.method() == HttpMethod.GET && !item) {
      params.addAll(CrudSchemas.listParameters(crud));
    } else if (e.method() == HttpMethod.GET && known.containsKey("query")) {
      params.addAll(known.getJsonArray("query"));
    }
    if (!params.isEmpty()) {
      op.put("parameters", params);
    }
    boolean hasBody = e.method() == HttpMethod.POST || e.method() == HttpMethod.PUT || e.method() == HttpMethod.PATCH;
    JsonObject request = crud != null && hasBody ? ref(schemaName(crud) + "Input") : known.getJsonObject("request");
    if (hasBody) {
      op.put("requestBody", new JsonObject().put("required", true).put("content", json(
          request == null ? new JsonObject().put("type", "object") : request)));
    }
    JsonObject responses = new JsonObject();
    String status = known.getString("status", e.method() == HttpMethod.POST && crud != null ? "201" : "200");
    JsonObject answer = crud != null ? crudAnswer(crud, e.method(), item) : known.getJsonObject("response");
    if ("204".equals(status)) {
      responses.put("204", new JsonObject().put("description", "Done; no body."));
    } else {
      responses.put(status, new JsonObject().put("description", "Success.")
          .put("content", json(answer == null ? new JsonObject().put("type", "object") : answer)));
    }
    errors(e, hasBody, !params.isEmpty()).forEach(code -> responses.put(code,
        new JsonObject().put("$ref", "#/components/responses/Error" + code)));
    op.put("responses", responses);
    if (!e.access().anonymous()) {
      op.put("security", new JsonArray().add(new JsonObject().put("session", new JsonArray()))
          .add(new JsonObject().put("bearer", new JsonArray())));
    } else {
      op.put("security", new JsonArray().add(new JsonObject()));
    }
    return op;
  }

  private static List<String> errors(RouteTable.Entry e, boolean hasBody, boolean hasParams) {
    List<String> codes = new java.util.ArrayList<>();
    if (hasBody || hasParams) {
      codes.add("400");
    }
    if (!e.access().anonymous()) {
      codes.add("401");
      codes.add("403");
    }
    if (e.path().contains(":")) {
      codes.add("404");
    }
    if (hasBody) {
      codes.add("409");
      codes.add("413");
      codes.add("422");
    }
    codes.add("429");
    return codes;
  }

  private JsonObject crudAnswer(ResourceSpec spec, HttpMethod method, boolean item) {
    if (method == HttpMethod.GET && !item) {
      return new JsonObject().put("allOf", new JsonArray().add(ref("Page")).add(new JsonObject().put("properties",
          new JsonObject().put("items", new JsonObject().put("type", "array").put("items", ref(schemaName(spec)))))));
    }
    return ref(schemaName(spec));
  }

  private ResourceSpec crudResource(String path) {
    String[] parts = path.split("/");
    if (parts.length < 4 || parts.length > 5 || !"api".equals(parts[1]) || !"v1".equals(parts[2])) {
      return null;
    }
    if (parts.length == 5 && !"{id}".equals(parts[4])) {
      return null;
    }
    return resources.get(parts[3]);
  }

  /** "canned response" → "CannedResponse": component names are letters, digits, dots, dashes and underscores. */
  private static String schemaName(ResourceSpec spec) {
    StringBuilder b = new StringBuilder();
    for (String word : spec.name().split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return b.toString();
  }

  static JsonObject ref(String schema) {
    return new JsonObject().put("$ref", "#/components/schemas/" + schema);
  }

  private static JsonObject json(JsonObject schema) {
    return new JsonObject().put("application/json", new JsonObject().put("schema", schema));
  }

  private static String operationId(HttpMethod method, String path) {
    StringBuilder b = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
    for (String part : path.replace("/api/v1/", "/").split("[/{}._-]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** The CRM field types as JSON Schema (kept here so the description and the validation read the same list). */
  static JsonObject fieldSchema(FieldSpec f) {
    JsonObject s = switch (f.type()) {
      case TEXT -> new JsonObject().put("type", "string").put("maxLength", f.max());
      case EMAIL -> new JsonObject().put("type", "string").put("format", "email").put("maxLength", f.max());
      case PHONE -> new JsonObject().put("type", "string").put("description", "E.164 or as typed; normalised")
          .put("maxLength", f.max());
      case ENUM -> new JsonObject().put("type", "string").put("enum", new JsonArray(new java.util.ArrayList<>(
          new java.util.TreeSet<>(f.values()))));
      case INT, REF, ID -> new JsonObject().put("type", "integer");
      case BOOL -> new JsonObject().put("type", "boolean");
      case TIMESTAMP -> new JsonObject().put("type", "string").put("format", "date-time");
      case JSON -> new JsonObject().put("type", "object");
    };
    return s;
  }
}
