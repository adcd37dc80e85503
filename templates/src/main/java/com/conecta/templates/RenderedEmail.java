package com.conecta.templates;

/** An email filled from a template; the html has every value escaped. */
public record RenderedEmail(String subject, String text, String html) {}
