package com.conecta.bots.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds emails, phones, RUT, NIT, amounts, dates, places, order and invoice numbers in a message. */
public final class EntityExtractor {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\d.])(\\+?\\s?(56|57|591))?[\\s-]?((?:9[\\s-]?\\d{4}[\\s-]?\\d{4})|(?:3\\d{2}[\\s-]?\\d{3}[\\s-]?\\d{4})|(?:[67]\\d{7}))(?![\\d.-])");
  private static final Pattern RUT = Pattern.compile("(?<![\\d.])\\d{1,2}\\.?\\d{3}\\.?\\d{3}-[\\dkK](?![\\w])");
  private static final Pattern NIT = Pattern.compile(
      "(?i)\\bnit\\s*:?\\s*(\\d{3}\\.?\\d{3}\\.?\\d{3,4}(?:-\\d)?)");
  private static final Pattern ORDER = Pattern.compile(
      "(?i)\\b(?:pedido|orden|order|compra)\\s*(?:n[°ºo]\\.?|nro\\.?|numero|number)?\\s*#?\\s*([A-Z0-9][A-Z0-9-]{2,})");
  private static final Pattern INVOICE = Pattern.compile(
      "(?i)\\b(?:factura|invoice|boleta)\\s*(?:n[°ºo]\\.?|nro\\.?|numero|number)?\\s*#?\\s*([A-Z0-9][A-Z0-9-]{2,})");
  private static final Pattern AMOUNT = Pattern.compile(
      "(?i)(?:(usd|us\\$|clp|cop|bob|bs\\.?|\\$)\\s*)?(\\d{1,3}(?:[.,]\\d{3})+|\\d+(?:[.,]\\d+)?)\\s*(millones|millon|mil|mm|lucas|luca|k|palos)?\\b\\s*(usd|dolares|dollars|clp|cop|pesos|bob|bolivianos)?\\b");
  /** "20 extintores", "8 cámaras IP": a count and the product words after it (on the folded text). */
  private static final Pattern QUANTITY = Pattern.compile(
      "(?<![\\w.,$/-])(\\d{1,4})\\s+(?!(?:mil|millones|millon|mm|lucas|luca|k|palos|usd|clp|cop|bob|bs|pesos|dolares"
      + "|dollars|bolivianos|btu|megas|mega|mb|gb|kw|kwh|w|m2|mt2|metros|metro|kg|kilos|kilo|dias|dia|horas|hora|hrs"
      + "|meses|mes|anos|ano|semanas|semana|personas|pm|am|de|del|por|para|en|y|o|a|the|for|of|and|or|in)\\b)"
      + "([a-z\\u00f1]{3,}(?:\\s+(?!(?:de|del|para|en|con|y|a|por|que|for|in|with|and|to|at|al|la|el|los|las|my|mi"
      + "|su|our|the|para)\\b)[a-z\\u00f1]{2,}){0,2})");
  private static final Pattern DMY = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{2,4}))?(?![\\d/])");
  private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
      Map.entry("lunes", DayOfWeek.MONDAY), Map.entry("martes", DayOfWeek.TUESDAY),
      Map.entry("miercoles", DayOfWeek.WEDNESDAY), Map.entry("jueves", DayOfWeek.THURSDAY),
      Map.entry("viernes", DayOfWeek.FRIDAY), Map.entry("sabado", DayOfWeek.SATURDAY),
      Map.entry("domingo", DayOfWeek.SUNDAY), Map.entry("monday", DayOfWeek.MONDAY),
      Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
      Map.entry("thursday", DayOfWeek.THURSDAY), Map.entry("friday", DayOfWeek.FRIDAY),
      Map.entry("saturday", DayOfWeek.SATURDAY), Map.entry("sunday", DayOfWeek.SUNDAY));
  private static final Pattern RELATIVE_DAY = Pattern.compile(
      "\\b(pasado manana|manana|hoy|today|tomorrow|day after tomorrow|(?:next |el |este |the )?(lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b");

  /** A known place: its accent-free pattern, display name and country code. */
  private record Place(Pattern pattern, String name, String country) {}

  private final List<Place> places;

  public EntityExtractor() {
    this.places = loadPlaces();
  }

  /** All entities, ordered by position; dates resolved against {@code today}. Never throws. */
  public List<Entity> extract(String text, LocalDate today) {
    List<Entity> out = new ArrayList<>();
    if (text == null || text.isBlank()) return out;
    String folded = fold(text);
    Matcher m = EMAIL.matcher(text);
    while (m.find()) add(out, "email", m.group().toLowerCase(Locale.ROOT), text, m.start(), m.end());
    m = RUT.matcher(text);
    while (m.find()) {
      String rut = ChileanRut.normalize(m.group());
      if (rut != null) add(out, "rut", rut, text, m.start(), m.end());
    }
    m = NIT.matcher(text);
    while (m.find()) {
      String nit = ColombianNit.normalize(m.group(1));
      if (nit != null) add(out, "nit", nit, text, m.start(1), m.end(1));
    }
    m = ORDER.matcher(text);
    while (m.find()) {
      if (m.group(1).matches(".*\\d.*")) add(out, "order", m.group(1).toUpperCase(Locale.ROOT), text, m.start(), m.end());
    }
    m = INVOICE.matcher(text);
    while (m.find()) {
      if (m.group(1).matches(".*\\d.*")) add(out, "invoice", m.group(1).toUpperCase(Locale.ROOT), text, m.start(), m.end());
    }
    m = PHONE.matcher(text);
    while (m.find()) {
      String phone = phone(m.group(2), m.group(3).replaceAll("[\\s-]", ""));
      if (phone != null) add(out, "phone", phone, text, m.start(), m.end());
    }
    amounts(text, out);
    dates(text, folded, today, out);
    quantities(text, folded, out);
    placesIn(text, folded, out);
    out.sort(Comparator.comparingInt(Entity::start));
    return out;
  }

  private static String phone(String country, String digits) {
    if (digits.startsWith("9") && digits.length() == 9 && (country == null || country.equals("56"))) return "+56" + digits;
    if (digits.startsWith("3") && digits.length() == 10 && (country == null || country.equals("57"))) return "+57" + digits;
    if (digits.matches("[67]\\d{7}") && (country == null || country.equals("591"))) return "+591" + digits;
    return null;
  }

  private void amounts(String text, List<Entity> out) {
    Matcher m = AMOUNT.matcher(text);
    while (m.find()) {
      String prefix = m.group(1);
      String mult = m.group(3);
      String suffix = m.group(4);
      if (prefix == null && mult == null && suffix == null) continue;
      if (overlaps(out, m.start(2), m.end(2))) continue;
      String num = m.group(2);
      double value;
      if (num.matches("\\d{1,3}(?:[.,]\\d{3})+")) {
        value = Double.parseDouble(num.replaceAll("[.,]", ""));
      } else {
        value = Double.parseDouble(num.replace(',', '.'));
      }
      if (mult != null) {
        String x = mult.toLowerCase(Locale.ROOT);
        // "2MM" is how Chilean offices write two million.
        value *= x.startsWith("millon") || x.equals("palos") || x.equals("mm") ? 1_000_000 : 1_000;
      }
      String cur = currency(prefix, suffix);
      int end = m.end();
      while (end > m.start() && Character.isWhitespace(text.charAt(end - 1))) end--;
      add(out, "amount", String.format(Locale.ROOT, "%.0f %s", value, cur), text, m.start(), end);
    }
  }

  private static void quantities(String text, String folded, List<Entity> out) {
    Matcher m = QUANTITY.matcher(folded);
    while (m.find()) {
      if (overlaps(out, m.start(1), m.end(1))) continue;
      add(out, "quantity", m.group(1), text, m.start(1), m.end(1));
      add(out, "product", text.substring(m.start(2), m.end(2)), text, m.start(2), m.end(2));
    }
  }

  private static String currency(String prefix, String suffix) {
    String p = (prefix == null ? "" : prefix) + " " + (suffix == null ? "" : suffix);
    p = p.toLowerCase(Locale.ROOT);
    if (p.contains("us") || p.contains("dolar") || p.contains("dollar")) return "USD";
    if (p.contains("cop")) return "COP";
    if (p.contains("bob") || p.contains("bs") || p.contains("boliviano")) return "BOB";
    if (p.contains("clp")) return "CLP";
    // "$" and "lucas" are pesos; which peso depends on the tenant's country, CLP by default.
    return "CLP";
  }

  private void dates(String text, String folded, LocalDate today, List<Entity> out) {
    if (today == null) return;
    Matcher m = DMY.matcher(text);
    while (m.find()) {
      try {
        int d = Integer.parseInt(m.group(1));
        int mo = Integer.parseInt(m.group(2));
        int y = m.group(3) == null ? today.getYear() : Integer.parseInt(m.group(3));
        if (y < 100) y += 2000;
        LocalDate date = LocalDate.of(y, mo, d);
        // "15/12" without a year means the next such day, not one in the past.
        if (m.group(3) == null && date.isBefore(today)) date = date.plusYears(1);
        add(out, "date", date.toString(), text, m.start(), m.end());
      } catch (RuntimeException ignored) {
        // not a date (e.g. 45/99)
      }
    }
    m = RELATIVE_DAY.matcher(folded);
    while (m.find()) {
      String w = m.group(1);
      LocalDate date;
      if (w.equals("hoy") || w.equals("today")) date = today;
      else if (w.equals("pasado manana") || w.equals("day after tomorrow")) date = today.plusDays(2);
      else if (w.equals("manana") || w.equals("tomorrow")) date = today.plusDays(1);
      else {
        DayOfWeek dow = WEEKDAYS.get(m.group(2));
        date = today.with(TemporalAdjusters.next(dow));
      }
      add(out, "date", date.toString(), text, m.start(), m.end());
    }
  }

  private void placesIn(String text, String folded, List<Entity> out) {
    for (Place p : places) {
      Matcher m = p.pattern().matcher(folded);
      while (m.find()) {
        if (!overlaps(out, m.start(), m.end())) add(out, "city", p.name() + "|" + p.country(), text, m.start(), m.end());
      }
    }
  }

  private static boolean overlaps(List<Entity> out, int start, int end) {
    for (Entity e : out) if (start < e.end() && e.start() < end) return true;
    return false;
  }

  private static void add(List<Entity> out, String type, String value, String text, int s, int e) {
    if (!type.equals("city") && !type.equals("amount") && overlaps(out, s, e)) return;
    out.add(new Entity(type, value, text.substring(s, e), s, e));
  }

  /** Lower-case, accent-free copy of the same length, so match offsets point into the original. */
  static String fold(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      String d = Normalizer.normalize(String.valueOf(text.charAt(i)), Normalizer.Form.NFD);
      b.append(Character.toLowerCase(d.isEmpty() ? text.charAt(i) : d.charAt(0)));
    }
    return b.toString();
  }

  private static List<Place> loadPlaces() {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = EntityExtractor.class.getResourceAsStream("/bots/places.txt")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] parts = line.split("\t");
        out.add(new String[] {fold(parts[0]), parts[0], parts[1]});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Longest first so "Santa Cruz de la Sierra" wins over "Santa Cruz".
    out.sort(Comparator.comparingInt((String[] p) -> -p[0].length()));
    List<Place> compiled = new ArrayList<>();
    for (String[] p : out) {
      compiled.add(new Place(Pattern.compile("\\b" + Pattern.quote(p[0]) + "\\b"), p[1], p[2]));
    }
    return List.copyOf(compiled);
  }
}
