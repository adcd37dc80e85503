package com.conecta.hub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The hub under test as its own operating-system process ({@code java com.conecta.hub.Main}, as a deployment runs it),
 * configured by CONECTA_* environment variables, so that its resident memory and start time are its own. Heap
 * figures come over local JMX.
 */
final class HubProcess implements AutoCloseable {
  final Process process;
  final int port;
  final long startMillis;
  private final JMXConnector jmx;
  private final MemoryMXBean memory;

  private HubProcess(Process process, int port, long startMillis, JMXConnector jmx, MemoryMXBean memory) {
    this.process = process;
    this.port = port;
    this.startMillis = startMillis;
    this.jmx = jmx;
    this.memory = memory;
  }

  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  static Path javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the hub and waits until /ready answers 200; start time is from process launch to that answer. */
  static HubProcess start(Map<String, String> env, Path workDir, Path log) throws Exception {
    int port = freePort();
    int jmxPort = freePort();
    List<String> cmd = new ArrayList<>(List.of(javaBin().toString(),
        "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
        "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
        "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1"));
    // -Dbench.hub.jvm="-Xlog:gc:file=/tmp/hub-gc.log" passes options to the hub's JVM (to look into a figure).
    Arrays.stream(System.getProperty("bench.hub.jvm", "").split(" ")).filter(a -> !a.isBlank()).forEach(cmd::add);
    cmd.addAll(List.of("-cp", classpath(), "com.conecta.hub.Main"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    pb.environment().put("CONECTA_HTTP_PORT", String.valueOf(port));
    long t0 = System.nanoTime();
    Process p = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the hub exited during start (code " + p.exitValue() + "); see " + log);
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException("the hub did not become ready in 120 s; see " + log);
      }
      Thread.sleep(20);
    }
    long startMillis = (System.nanoTime() - t0) / 1_000_000;
    JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
        "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    MBeanServerConnection conn = jmx.getMBeanServerConnection();
    MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(conn, ManagementFactory.MEMORY_MXBEAN_NAME,
        MemoryMXBean.class);
    return new HubProcess(p, port, startMillis, jmx, memory);
  }

  /** Resident set size now, in MB (from /proc). */
  double rssMb() {
    return procStatus("VmRSS:");
  }

  /** Highest resident set size since start, in MB. */
  double peakRssMb() {
    return procStatus("VmHWM:");
  }

  private double procStatus(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  double heapUsedMb() {
    try {
      return memory.getHeapMemoryUsage().getUsed() / 1e6;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  double heapCommittedMb() {
    try {
      return memory.getHeapMemoryUsage().getCommitted() / 1e6;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** A thread dump of the hub into {@code file} after {@code delayMs}, in the background (where its time goes). */
  void threadDumpLater(Path file, long delayMs) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(delayMs);
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).redirectOutput(file.toFile())
            .start().waitFor(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a diagnostic only
      }
    }, "bench-thread-dump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws Exception {
    try {
      jmx.close();
    } catch (IOException e) {
      // the hub is going anyway
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
