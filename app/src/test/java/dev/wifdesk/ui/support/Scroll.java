package dev.wifdesk.ui.support;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import org.testfx.api.FxRobot;

/** Scrolls the ScrollPane around a node so the robot can click it where a person would see it. */
public final class Scroll {
    private Scroll() {
    }

    public static Node into(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> {
            for (Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane sp && sp.getContent() != null) {
                    Node content = sp.getContent();
                    Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
                    if (room > 0) {
                        double target = b.getMinY() - 8;
                        sp.setVvalue(Math.max(0, Math.min(1, target / room)));
                    }
                    break;
                }
            }
        });
        return node;
    }

    /** Scrolls to the node, then clicks it. */
    public static void click(FxRobot robot, String query) {
        into(robot, query);
        robot.clickOn(query);
    }
}
