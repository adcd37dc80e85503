package com.conecta.hub.operations.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** A report as answered: its key, the filter it was made with, and its sections. */
public record Report(String key, ReportFilter filter, List<ReportSection> sections) {
  public JsonObject toJson() {
    return new JsonObject().put("key", key).put("filters", filter.toJson())
        .put("generatedAt", Instant.now().toString())
        .put("sections", new JsonArray(sections.stream().map(ReportSection::toJson).toList()));
  }

  public ReportSection section(String sectionKey) {
    return sections.stream().filter(s -> s.key().equals(sectionKey)).findFirst().orElseThrow();
  }
}
