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

/**
 * A benchmark helper in a JVM of its own (the load generator, the fake Graph API), driven one command at a time over
 * its stdin/stdout: its work and its garbage-collection pauses stay out of the hub's and the test's figures.
 */
final class CommandedJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader in;
  private final Writer out;

  CommandedJvm(Class<?> main, List<String> jvmOptions, JsonObject config, Path log) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(HubProcess.javaBin().toString()));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", HubProcess.classpath(), main.getName(), config.encode()));
    process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String first = in.readLine();
    // The JVM's own unified-logging lines (warnings about the flags given) come on stdout before the helper's.
    while (first != null && first.startsWith("[")) {
      first = in.readLine();
    }
    if (!"READY".equals(first)) {
      throw new IllegalStateException(main.getSimpleName() + " did not start (" + first + "); see " + log);
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
          throw new IllegalStateException(r.getString("error"));
        }
        return r;
      }
    }
    throw new IllegalStateException("the helper JVM stopped");
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
