package com.conecta.hub.messaging.inbox;

/** The rule for file names callers give (attachments an agent sends, uploads): checked where inbox and media meet. */
public final class FileNames {
  private FileNames() {}

  /**
   * Whether a caller-given file name is a plain name: no folder part, no {@code ..}, no control characters, at most
   * 255 characters. Names that try to climb out of a folder are refused rather than quietly cut.
   */
  public static boolean isPlain(String name) {
    return name != null && !name.isBlank() && name.length() <= 255 && !name.contains("/") && !name.contains("\\")
        && !name.contains("..") && !name.matches("(?s).*\\p{Cntrl}.*");
  }
}
