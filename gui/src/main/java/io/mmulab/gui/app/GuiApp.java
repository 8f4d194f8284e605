package io.mmulab.gui.app;

import imgui.ImGui;
import imgui.ImGuiIO;
import imgui.gl3.ImGuiImplGl3;
import imgui.glfw.ImGuiImplGlfw;
import io.mmulab.gui.session.DebugSession;
import io.mmulab.gui.view.MachineSnapshot;
import io.mmulab.gui.windows.CodeWindow;
import io.mmulab.gui.windows.DebuggerWindow;
import io.mmulab.gui.windows.FailureWindow;
import io.mmulab.gui.windows.MachineWindow;
import io.mmulab.gui.windows.MemoryMapWindow;
import io.mmulab.gui.windows.PageTableWindow;
import io.mmulab.gui.windows.StoreBufferWindow;
import io.mmulab.gui.windows.StructPageWindow;
import io.mmulab.gui.windows.TimelineWindow;
import io.mmulab.gui.windows.TlbWindow;
import org.lwjgl.glfw.GLFW;
import org.lwjgl.glfw.GLFWErrorCallback;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The debugger's window: GLFW + OpenGL + Dear ImGui on the calling thread, the machine on the
 * session's worker. Each frame draws the latest snapshot; nothing here waits for the machine,
 * so the window stays responsive while it runs.
 */
public final class GuiApp {
    /** Frames drawn after the machine settled before a screenshot: ImGui lays windows out over a few frames. */
    private static final int SETTLE_FRAMES = 4;
    private static final long FRAME_NANOS = 1_000_000_000L / 60;
    private static final long SCREENSHOT_TIMEOUT_NANOS = 300_000_000_000L;

    /** Why the window could not be shown (one line). */
    public static final class WindowUnavailable extends Exception {
        public WindowUnavailable(String message) {
            super(message);
        }
    }

    private GuiApp() {
    }

    /** Shows the debugger until the window is closed (or the screenshot is written); returns the frame rates. */
    public static FpsMeter.Summary run(DebugSession session, GuiOptions options, PrintWriter log) throws WindowUnavailable, IOException {
        GLFWErrorCallback.createPrint(System.err).set();
        if (GLFW.glfwPlatformSupported(GLFW.GLFW_PLATFORM_X11)) {
            GLFW.glfwInitHint(GLFW.GLFW_PLATFORM, GLFW.GLFW_PLATFORM_X11);
        }
        if (!GLFW.glfwInit()) {
            throw new WindowUnavailable("cannot initialise GLFW on DISPLAY=" + System.getenv("DISPLAY"));
        }
        long window = 0;
        ImGuiImplGlfw glfw = null;
        ImGuiImplGl3 gl3 = null;
        try {
            GLFW.glfwDefaultWindowHints();
            GLFW.glfwWindowHint(GLFW.GLFW_RESIZABLE, GLFW.GLFW_TRUE);
            window = GLFW.glfwCreateWindow(Layout.WIDTH, Layout.HEIGHT, "mmulab debugger: " + session.snapshot().title(),
                    0, 0);
            if (window == 0) {
                throw new WindowUnavailable("cannot open an OpenGL window (is Mesa's libgl1-mesa-dri installed?)");
            }
            GLFW.glfwMakeContextCurrent(window);
            GL.createCapabilities();
            GLFW.glfwSwapInterval(1);
            GLFW.glfwShowWindow(window);

            ImGui.createContext();
            ImGuiIO io = ImGui.getIO();
            io.setIniFilename(null);   // a fixed layout: same windows at the same places every time
            if (options.screenshot() != null) {
                // Xvfb's pointer rests mid-screen: it would hover (highlight) whatever lies there.
                io.addConfigFlags(imgui.flag.ImGuiConfigFlags.NoMouse);
            }
            ImGui.styleColorsDark();
            glfw = new ImGuiImplGlfw();
            glfw.init(window, true);
            gl3 = new ImGuiImplGl3();
            gl3.init("#version 130");
            return loop(window, glfw, gl3, session, options, log);
        } finally {
            session.pacer().closed();
            if (gl3 != null) {
                gl3.shutdown();
            }
            if (glfw != null) {
                try {
                    glfw.shutdown();
                } catch (NullPointerException e) {
                    // Under Xvfb some standard cursors do not exist and the backend frees them anyway.
                }
                ImGui.destroyContext();
            }
            if (window != 0) {
                GLFW.glfwDestroyWindow(window);
            }
            GLFW.glfwTerminate();
        }
    }

    private static FpsMeter.Summary loop(long window, ImGuiImplGlfw glfw, ImGuiImplGl3 gl3, DebugSession session,
                               GuiOptions options, PrintWriter log) throws IOException {
        SourceFiles sources = new SourceFiles(options.projectRoot());
        List<DebuggerWindow> windows = List.of(new MachineWindow(session), new CodeWindow(session, sources),
                new PageTableWindow(session), new TlbWindow(), new StoreBufferWindow(session), new MemoryMapWindow(session),
                new TimelineWindow(session), new FailureWindow(), new StructPageWindow(session));
        FpsMeter fps = new FpsMeter(options.fps() ? log : null);
        long start = System.nanoTime();
        int settled = 0;
        while (!GLFW.glfwWindowShouldClose(window)) {
            long frameStart = System.nanoTime();
            GLFW.glfwPollEvents();
            MachineSnapshot s = session.snapshot();
            gl3.newFrame();
            glfw.newFrame();
            ImGui.newFrame();
            for (DebuggerWindow w : windows) {
                w.draw(s);
            }
            ImGui.render();
            int[] fw = new int[1];
            int[] fh = new int[1];
            GLFW.glfwGetFramebufferSize(window, fw, fh);
            GL11.glViewport(0, 0, fw[0], fh[0]);
            GL11.glClearColor(0.08f, 0.08f, 0.10f, 1f);
            GL11.glClear(GL11.GL_COLOR_BUFFER_BIT);
            gl3.renderDrawData(ImGui.getDrawData());
            if (options.screenshot() != null) {
                settled = session.idle() ? settled + 1 : 0;
                if (settled > SETTLE_FRAMES) {
                    Screenshot.write(options.screenshot(), fw[0], fh[0]);
                    log.printf("mmulab gui: screenshot %s (%dx%d) at %s%n", options.screenshot(), fw[0], fh[0],
                            s.status());
                    log.flush();
                    return fps.summary();
                }
                if (frameStart - start > SCREENSHOT_TIMEOUT_NANOS) {
                    throw new IOException("the machine did not settle within "
                            + SCREENSHOT_TIMEOUT_NANOS / 1_000_000_000L + " s: " + s.status());
                }
            }
            GLFW.glfwSwapBuffers(window);
            session.pacer().frame(System.nanoTime());
            fps.frame(s.status() + ", " + s.decisions().size() + " decisions", !session.idle());
            if (options.seconds() > 0 && frameStart - start > options.seconds() * 1e9) {
                break;
            }
            // Software GL has no vsync: cap the rate and leave the other core to the machine.
            long left = FRAME_NANOS - (System.nanoTime() - frameStart);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return fps.summary();
    }
}
