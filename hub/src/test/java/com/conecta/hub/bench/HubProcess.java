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
      Thread.sleep(20); // the polling interval of the readiness check
    }
    long startMillis = (System.nanoTime() - t0) / 1_000_000;
    JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(
        "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
    MBeanServerConnection conn = jmx.getMBeanServerConnection();
    MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(conn, ManagementFactory.MEMORY_MXBEAN_NAME,
        MemoryMXBean.class);
    return new HubProcess(p, port, startMillis, jmx, memory);
  }

  /** Under this share of one core over a window, the hub has finished what the previous load left it. */
  private static final double QUIET_SHARE = 0.25;
  private static final long QUIET_WINDOW_MS = 200;
  private static final long QUIET_MAX_MS = 10_000;
  /** Linux counts a process's CPU in /proc in clock ticks of USER_HZ = 100 per second. */
  private static final long TICK_NANOS = 10_000_000;

  /**
   * Waits until the hub has finished the work the last load left it (reactions, batches, collections, start-up work):
   * its process CPU over a 200 ms window is under a quarter of a core; at most 10 s, because a hub can be busy with its
   * own periodic work. Answers how long it waited, in ms. Read from /proc, so the polling costs the hub nothing.
   */
  long awaitQuiet() throws InterruptedException {
    long t0 = System.nanoTime();
    long at = t0;
    long ticks = cpuTicks();
    while (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(QUIET_MAX_MS)) {
      Thread.sleep(QUIET_WINDOW_MS); // the polling window: the condition is the CPU spent during it
      long now = System.nanoTime();
      long nowTicks = cpuTicks();
      if (ticks >= 0 && nowTicks >= 0 && (nowTicks - ticks) * TICK_NANOS < QUIET_SHARE * (now - at)) {
        break;
      }
      at = now;
      ticks = nowTicks;
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  /** User plus system CPU of the process in clock ticks (fields 14 and 15 of /proc/pid/stat), -1 if unreadable. */
  private long cpuTicks() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
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

  /**
   * The hub's CPU time so far: the whole process and each live thread by name (from its JVM over JMX), so that a phase's
   * CPU per message and each event loop's share can be computed from two of these.
   */
  CpuSnapshot cpu() {
    try {
      MBeanServerConnection conn = jmx.getMBeanServerConnection();
      com.sun.management.OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(conn,
          ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, com.sun.management.OperatingSystemMXBean.class);
      java.lang.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(conn,
          ManagementFactory.THREAD_MXBEAN_NAME, java.lang.management.ThreadMXBean.class);
      Map<String, Long> byThread = new java.util.HashMap<>();
      long[] ids = threads.getAllThreadIds();
      java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
      for (int i = 0; i < ids.length; i++) {
        long t = threads.getThreadCpuTime(ids[i]);
        if (infos[i] != null && t >= 0) {
          byThread.merge(infos[i].getThreadName(), t, Long::sum);
        }
      }
      return new CpuSnapshot(os.getProcessCpuTime(), byThread);
    } catch (IOException | RuntimeException e) {
      return new CpuSnapshot(-1, Map.of());
    }
  }

  /** CPU nanoseconds of the process and of each thread (by name) at one moment. */
  record CpuSnapshot(long processNanos, Map<String, Long> threadNanos) {
    /** CPU spent between {@code before} and this snapshot, in ns. */
    long processSince(CpuSnapshot before) {
      return processNanos < 0 || before.processNanos < 0 ? -1 : processNanos - before.processNanos;
    }

    /** Per event-loop thread, its CPU since {@code before} as a share of all event loops' CPU then. */
    io.vertx.core.json.JsonObject eventLoopShares(CpuSnapshot before) {
      Map<String, Long> spent = new java.util.TreeMap<>();
      threadNanos.forEach((name, ns) -> {
        if (name.startsWith("vert.x-eventloop-thread-")) {
          spent.put(name, ns - before.threadNanos.getOrDefault(name, 0L));
        }
      });
      long total = spent.values().stream().mapToLong(Long::longValue).sum();
      io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject();
      spent.forEach((name, ns) -> out.put(name, new io.vertx.core.json.JsonObject().put("cpuMs", ns / 1e6)
          .put("share", total == 0 ? 0 : Math.round(1000.0 * ns / total) / 1000.0)));
      return out;
    }

    /** The largest event loop's share of all event loops' CPU since {@code before} (1.0 = one loop did it all). */
    double busiestEventLoopShare(CpuSnapshot before) {
      io.vertx.core.json.JsonObject shares = eventLoopShares(before);
      return shares.fieldNames().stream().mapToDouble(n -> shares.getJsonObject(n).getDouble("share")).max().orElse(0);
    }
  }

  /**
   * A thread dump of the hub into {@code file} after {@code delayMs}, in the background (where its time goes). The delay
   * is not a wait for a condition: it picks a moment in the middle of the phase being run.
   */
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
