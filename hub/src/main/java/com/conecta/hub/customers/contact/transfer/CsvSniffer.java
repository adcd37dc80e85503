package com.conecta.hub.customers.contact.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the dialect of an uploaded CSV: UTF-8 when the whole file decodes as UTF-8 (with or without a byte-order mark),
 * else windows-1252 (a superset of Latin-1 for text, what Excel writes in Spanish); the delimiter is the one of
 * ',', ';' and tab that the header line uses most outside quotes. Blocking: runs on a worker thread.
 */
public final class CsvSniffer {
  private CsvSniffer() {}

  public static CsvDialect sniff(Path file) throws IOException {
    boolean bom = startsWithBom(file);
    boolean utf8 = decodesAsUtf8(file, bom);
    java.nio.charset.Charset charset = utf8 ? StandardCharsets.UTF_8 : CsvDialect.WINDOWS_1252;
    return new CsvDialect(charset, delimiter(file, charset, bom), bom);
  }

  private static boolean startsWithBom(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(3);
      return head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
    }
  }

  /** Streams the whole file through a strict decoder: a windows-1252 'ñ' late in a file still counts. */
  private static boolean decodesAsUtf8(Path file, boolean bom) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
      char[] buf = new char[64 * 1024];
      while (r.read(buf) >= 0) {
        // only whether it decodes matters
      }
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static char delimiter(Path file, java.nio.charset.Charset charset, boolean bom) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (bom) {
        in.skipNBytes(3);
      }
      String head = new String(in.readNBytes(16 * 1024), charset);
      int commas = 0;
      int semicolons = 0;
      int tabs = 0;
      boolean quoted = false;
      for (int i = 0; i < head.length(); i++) {
        char c = head.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          break;
        } else if (!quoted) {
          commas += c == ',' ? 1 : 0;
          semicolons += c == ';' ? 1 : 0;
          tabs += c == '\t' ? 1 : 0;
        }
      }
      if (semicolons > commas && semicolons >= tabs) {
        return ';';
      }
      return tabs > commas ? '\t' : ',';
    }
  }
}
