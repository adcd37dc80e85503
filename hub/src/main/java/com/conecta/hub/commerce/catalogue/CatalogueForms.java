package com.conecta.hub.commerce.catalogue;

import com.conecta.hub.foundation.config.ConfigFiles;
import com.conecta.connectors.webform.FormCatalogue;
import com.conecta.connectors.webform.FormDefinition;
import com.conecta.connectors.webform.FormField;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** config/forms.yaml with its business-line choices taken from the catalogue, and old names read as today's. */
public record CatalogueForms(BusinessCatalogue catalogue) {
  private static final String FILE = "config/forms.yaml";

  /** The forms (disk first, else the jar's copy) with every {@code choicesFrom: business-lines} filled. */
  public FormCatalogue load() {
    try (InputStream in = ConfigFiles.open(FILE)) {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      Object root = yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return FormCatalogue.parse(yaml.dump(catalogue.fillChoices(root)));
    } catch (IOException e) {
      throw new IllegalStateException(FILE + " cannot be read", e);
    }
  }

  /**
   * A submitted choice that names a business line by an old name (a website's form posting "internet") is read as the
   * line's key when that key is one of the field's choices; anything else is left for the validator to judge.
   */
  public Map<String, String> normalise(FormDefinition form, Map<String, String> input) {
    Map<String, String> out = new LinkedHashMap<>(input);
    for (FormField f : form.fields()) {
      String v = out.get(f.name());
      if (v == null || f.choices().isEmpty() || f.choices().stream().anyMatch(c -> c.value().equals(v))) {
        continue;
      }
      catalogue.resolve(v).map(BusinessLine::key)
          .filter(key -> f.choices().stream().anyMatch(c -> c.value().equals(key)))
          .ifPresent(key -> out.put(f.name(), key));
    }
    return out;
  }
}
