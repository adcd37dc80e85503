package com.conecta.hub.marketing.bot;

import com.conecta.bots.flow.FlowDefinition;
import com.conecta.bots.flow.FlowLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The bot flows of config/bots (files on disk win over the copies in the jar), by their id. */
public final class BotFlows {
  private static final List<String> BUNDLED = List.of("sales.yaml", "service.yaml");

  private BotFlows() {}

  /** @param prepare fills what the files leave to the hub (the business-line choices) before they are parsed */
  public static Map<String, FlowDefinition> load(UnaryOperator<Object> prepare) {
    FlowLoader loader = new FlowLoader();
    Map<String, FlowDefinition> flows = new LinkedHashMap<>();
    Path dir = Path.of("config", "bots");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> {
          try (InputStream in = Files.newInputStream(f)) {
            FlowDefinition d = loader.parse(f.getFileName().toString(),
                prepare.apply(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
            flows.put(d.id(), d);
          } catch (IOException e) {
            throw new IllegalStateException(f + " cannot be read", e);
          }
        });
      } catch (IOException e) {
        throw new IllegalStateException("config/bots cannot be read", e);
      }
      return flows;
    }
    for (String name : BUNDLED) {
      try (InputStream in = BotFlows.class.getClassLoader().getResourceAsStream("config/bots/" + name)) {
        if (in != null) {
          FlowDefinition d = loader.parse(name, prepare.apply(new Yaml(new SafeConstructor(new LoaderOptions())).load(in)));
          flows.put(d.id(), d);
        }
      } catch (IOException e) {
        throw new IllegalStateException("config/bots/" + name + " cannot be read", e);
      }
    }
    return flows;
  }
}
