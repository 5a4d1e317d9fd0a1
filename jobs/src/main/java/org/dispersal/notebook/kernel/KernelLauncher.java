package org.dispersal.notebook.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Starts the rapaio Java kernel (io.github.padreati:rapaio-jupyter-kernel:3.0.1) for the notebooks
 * without its two start-up races.
 *
 * <p>The kernel's own {@code MainApp} binds the channels and returns; two things can leave a
 * channel's polling thread dead, and the kernel then never answers ("Kernel didn't respond in N
 * seconds"):
 *
 * <ol>
 *   <li>{@code LoopThread.start()} sets its {@code running} flag after {@code Thread.start()}, so a
 *       thread scheduled at once sees {@code false} and ends;
 *   <li>the Shell socket is bound before the handler map exists, so an early {@code
 *       kernel_info_request} throws inside the loop and ends the Shell thread.
 * </ol>
 *
 * This class does what {@code MainApp.runKernel} does (the same public kernel classes, reached by
 * reflection so that this class needs only the JDK and is copied beside the kernel jar by {@code
 * dispersal notebook-kernel}), then watches the channels' loop threads: a loop thread that ended
 * while its channel is open and no shutdown was asked for is replaced by a new one, with {@code
 * running} set before it starts. Messages wait in the ZeroMQ sockets meanwhile, and Jupyter repeats
 * {@code kernel_info_request} until answered. After a shutdown request the JVM exits (Spark leaves
 * non-daemon threads behind).
 *
 * <p>It runs in the kernel's JVM, outside the project's class path, so it logs with {@code
 * java.util.logging} like the kernel; the level comes from the {@code logging.properties} placed
 * ahead of the kernel jar (INFO: the kernel's bundled FINEST breaks Spark's code generator).
 */
public final class KernelLauncher {
  private static final Logger LOG = Logger.getLogger(KernelLauncher.class.getSimpleName());
  private static final String PKG = "org.rapaio.jupyter.kernel.";
  private static final long WATCH_MILLIS = 100;
  private static final long JOIN_MILLIS = 5000;

  private final Object channels;
  private final Field channelSet;
  private final Field closed;
  private final Class<?> loopThreadClass;
  private int revived;

  KernelLauncher(Object channels) throws ReflectiveOperationException {
    this.channels = channels;
    this.channelSet = field(channels.getClass(), "channels");
    this.closed = field(Class.forName(PKG + "channels.AbstractChannel"), "closed");
    this.loopThreadClass = Class.forName(PKG + "channels.LoopThread");
  }

  /** Argument: the connection file Jupyter writes (as for the kernel's own main). */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KernelLauncher <connection file>");
    }
    configureLogging();
    String contents = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    Class<?> propsClass = Class.forName(PKG + "core.ConnectionProperties");
    Object props =
        Class.forName(PKG + "core.Transform")
            .getMethod("fromJson", String.class, Class.class)
            .invoke(null, contents, propsClass);
    // MainApp's static kernel: display helpers (Global.display) publish through it.
    Object kernel = Class.forName(PKG + "MainApp").getField("kernel").get(null);
    configureLogging(); // the kernel's start-up may have read its bundled configuration again
    Object channels =
        Class.forName(PKG + "channels.Channels").getConstructor(propsClass).newInstance(props);
    channels.getClass().getMethod("connect", kernel.getClass()).invoke(channels, kernel);
    KernelLauncher launcher = new KernelLauncher(channels);
    launcher.superviseUntilShutdown();
    LOG.info("kernel shut down; " + launcher.revived + " channel thread(s) were restarted");
    System.exit(0);
  }

  private static void configureLogging() throws IOException {
    try (InputStream in =
        KernelLauncher.class.getClassLoader().getResourceAsStream("logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    }
  }

  /** Restarts dead loop threads until the kernel was asked to shut down and its loops ended. */
  void superviseUntilShutdown() throws ReflectiveOperationException, InterruptedException {
    while (true) {
      if (shutdownRequested()) {
        for (Thread t : loopThreads()) {
          t.join(JOIN_MILLIS);
        }
        return;
      }
      reviveDeadLoops();
      Thread.sleep(WATCH_MILLIS);
    }
  }

  private boolean shutdownRequested() throws ReflectiveOperationException {
    return (Boolean) channels.getClass().getMethod("isMarkedForShutdown").invoke(channels);
  }

  /** Replaces every loop thread that ended while its channel is open; returns how many. */
  int reviveDeadLoops() throws ReflectiveOperationException {
    int n = 0;
    for (Object channel : (Collection<?>) channelSet.get(channels)) {
      Field loopField = loopField(channel.getClass());
      if (loopField == null) {
        continue;
      }
      Thread loop = (Thread) loopField.get(channel);
      if (loop == null
          || loop.getState() != Thread.State.TERMINATED
          || closed.getBoolean(channel)
          || shutdownRequested()) {
        continue;
      }
      Thread fresh = copy(loop);
      loopField.set(channel, fresh);
      fresh.start();
      n++;
      revived++;
      LOG.warning("restarted the kernel's channel thread " + loop.getName() + " (start-up race)");
    }
    return n;
  }

  private List<Thread> loopThreads() throws ReflectiveOperationException {
    List<Thread> threads = new ArrayList<>();
    for (Object channel : (Collection<?>) channelSet.get(channels)) {
      Field loopField = loopField(channel.getClass());
      Object loop = loopField == null ? null : loopField.get(channel);
      if (loop != null) {
        threads.add((Thread) loop);
      }
    }
    return threads;
  }

  /** A new loop thread with the same name, pause and body, already marked running. */
  private Thread copy(Thread loop) throws ReflectiveOperationException {
    Constructor<?> make = loopThreadClass.getConstructor(String.class, long.class, Runnable.class);
    Thread fresh =
        (Thread)
            make.newInstance(
                loop.getName(),
                field(loopThreadClass, "sleep").getLong(loop),
                field(loopThreadClass, "loopBody").get(loop));
    field(loopThreadClass, "running").setBoolean(fresh, true);
    return fresh;
  }

  private static Field loopField(Class<?> channelClass) {
    try {
      return field(channelClass, "loopThread");
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
