package com.conecta.templates;

import java.util.List;
import java.util.Map;

/**
 * A template filled for one recipient: the Cloud API's {@code components} (as plain maps, ready to serialise) and
 * the text a person would read, for the inbox and previews.
 */
public record RenderedTemplate(String name, String languageCode, List<Map<String, Object>> components, String preview) {}
