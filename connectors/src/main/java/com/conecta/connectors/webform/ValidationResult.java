package com.conecta.connectors.webform;

import java.util.List;

/** The outcome of checking a submission: accepted, refused with field errors, or spam (answer OK, store nothing). */
public sealed interface ValidationResult {
  record Valid(FormSubmission submission) implements ValidationResult {}

  record Invalid(List<FieldError> errors) implements ValidationResult {
    public Invalid {
      errors = List.copyOf(errors);
    }
  }

  record Spam(String reason) implements ValidationResult {}
}
