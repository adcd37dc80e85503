package com.conecta.hub.marketing.reminder;

import com.conecta.hub.foundation.config.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The reminder rules of config/reminders.yaml (the file on disk wins over the copy in the jar). */
public record ReminderRules(ZoneId zone, String phoneNumberId, List<Rule> rules) {

  /** One rule: payment (offsetDays from the due date), order-status (status), or delivery-tomorrow. */
  public record Rule(String name, String kind, int offsetDays, String status, String template) {}

  @SuppressWarnings("unchecked")
  public static ReminderRules load() {
    try (InputStream in = ConfigFiles.open("config/reminders.yaml")) {
      Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      List<Rule> rules = new ArrayList<>();
      ((Map<String, Map<String, Object>>) root.get("rules")).forEach((name, r) -> {
        if (Boolean.FALSE.equals(r.get("enabled"))) {
          return;
        }
        String kind = String.valueOf(r.get("kind"));
        if (!List.of("payment", "order-status", "delivery-tomorrow").contains(kind)) {
          throw new IllegalStateException("config/reminders.yaml: rule " + name + " has an unknown kind '" + kind + "'");
        }
        rules.add(new Rule(name, kind, r.get("offset-days") instanceof Number n ? n.intValue() : 0,
            (String) r.get("status"), String.valueOf(r.get("template"))));
      });
      return new ReminderRules(ZoneId.of(String.valueOf(root.getOrDefault("time-zone", "America/Santiago"))),
          String.valueOf(root.get("whatsapp-phone-number-id")), List.copyOf(rules));
    } catch (IOException e) {
      throw new IllegalStateException("config/reminders.yaml cannot be read", e);
    }
  }
}
