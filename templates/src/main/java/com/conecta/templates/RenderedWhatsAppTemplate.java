package com.conecta.templates;

import java.util.List;
import java.util.Map;

/** A template ready for the Cloud API: {@code components} is the exact "components" JSON as maps. */
public record RenderedWhatsAppTemplate(
    String name, String languageCode, List<Map<String, Object>> components, String previewText) {}
