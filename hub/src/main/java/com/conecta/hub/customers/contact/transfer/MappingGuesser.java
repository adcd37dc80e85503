package com.conecta.hub.customers.contact.transfer;

import com.conecta.hub.customers.customfield.CustomField;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guesses what each column is from its header, in Spanish or English as people title their sheets ("Nombre",
 * "Teléfono", "Correo", "Etiquetas", "E-mail", "Tags"), and from the labels of the contacts' custom fields.
 */
public final class MappingGuesser {
  private static final Map<String, Set<String>> WORDS = Map.of(
      "name", Set.of("nombre", "nombres", "nombrecompleto", "nombreycontacto", "name", "fullname", "contacto", "cliente",
          "contact", "customer"),
      "phone", Set.of("telefono", "tel", "fono", "celular", "movil", "whatsapp", "numero", "telefonomovil", "phone",
          "mobile", "cell", "cellphone", "phonenumber", "telefonocelular", "nrotelefono"),
      "email", Set.of("correo", "correoelectronico", "email", "mail", "emailaddress", "direcciondecorreo"),
      "identifier", Set.of("identificador", "id", "codigo", "codigocliente", "rut", "nit", "ci", "externalid",
          "identifier", "customerid", "clientid", "idcliente"),
      "labels", Set.of("etiquetas", "etiqueta", "tags", "tag", "labels", "label", "segmento", "segmentos"),
      "city", Set.of("ciudad", "comuna", "municipio", "localidad", "city", "town"),
      "optin", Set.of("estadodesuscripcion", "suscripcion", "suscrito", "optin", "optout", "consentimiento",
          "aceptamarketing", "subscription", "subscriptionstatus", "subscribed", "consent", "marketing"));

  private MappingGuesser() {}

  public static ColumnMapping guess(List<String> header, List<CustomField> contactFields) {
    List<ColumnMapping.Column> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      String word = simple(h);
      String target = "ignore";
      String key = null;
      for (Map.Entry<String, Set<String>> e : WORDS.entrySet()) {
        if (e.getValue().contains(word) && !taken.contains(e.getKey())) {
          target = e.getKey();
        }
      }
      if ("ignore".equals(target)) {
        for (CustomField f : contactFields) {
          if (!taken.contains("custom:" + f.key()) && (word.equals(simple(f.key())) || word.equals(simple(f.labelEs()))
              || (f.labelEn() != null && word.equals(simple(f.labelEn()))))) {
            target = "custom";
            key = f.key();
          }
        }
      }
      if (!"ignore".equals(target)) {
        taken.add(key == null ? target : "custom:" + key);
      }
      out.add(new ColumnMapping.Column(i, h, target, key));
    }
    return new ColumnMapping(List.copyOf(out));
  }

  /** Lower case, no accents, letters and digits only: "Teléfono Móvil" → "telefonomovil". */
  static String simple(String s) {
    if (s == null) {
      return "";
    }
    String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
