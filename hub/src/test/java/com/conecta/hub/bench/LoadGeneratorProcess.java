package com.conecta.hub.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The load generator's JVM, driven one command at a time over its stdin/stdout. */
final class LoadGeneratorProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader in;
  private final Writer out;

  LoadGeneratorProcess(JsonObject config, Path log) throws Exception {
    process = new ProcessBuilder(List.of(HubProcess.javaBin().toString(), "-Xmx1g", "-cp", HubProcess.classpath(),
        LoadGenerator.class.getName(), config.encode())).redirectError(log.toFile()).start();
    in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = in.readLine();
    if (!"READY".equals(first)) {
      throw new IllegalStateException("the load generator did not start (" + first + "); see " + log);
    }
  }

  JsonObject call(JsonObject command) throws Exception {
    out.write(command.encode() + "\n");
    out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("RESULT ")) {
        JsonObject r = new JsonObject(line.substring(7));
        if (r.containsKey("error")) {
          throw new IllegalStateException("load generator: " + r.getString("error"));
        }
        return r;
      }
    }
    throw new IllegalStateException("the load generator stopped");
  }

  @Override
  public void close() throws Exception {
    try {
      out.write("{\"cmd\":\"exit\"}\n");
      out.flush();
    } catch (Exception e) {
      // already gone
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
