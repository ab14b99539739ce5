import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the app icon (same geometry as icons/wifdesk.svg) and writes icons/wifdesk-N.png for
 * N = 16..512, icons/wifdesk.ico (PNG-compressed entries) and icons/wifdesk.icns.
 * Run from the repository root: {@code java installer/tools/IconGen.java}.
 */
public final class IconGen {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "icons");
        Files.createDirectories(dir);
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : SIZES) {
            byte[] bytes = encode(draw(size));
            png.put(size, bytes);
            Files.write(dir.resolve("wifdesk-" + size + ".png"), bytes);
        }
        Files.write(dir.resolve("wifdesk.ico"), ico(png, 16, 24, 32, 48, 64, 128, 256));
        Files.write(dir.resolve("wifdesk.icns"), icns(png));
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double k = size / 512.0;
        g.scale(k, k);
        // small sizes: a larger tile so the shape stays readable
        double inset = size <= 32 ? 8 : 32;
        double radius = size <= 32 ? 80 : 96;
        g.setPaint(new GradientPaint(0, 32, new Color(0x2f81f7), 0, 480, new Color(0x0b3d91)));
        g.fill(new RoundRectangle2D.Double(inset, inset, 512 - 2 * inset, 512 - 2 * inset, radius * 2, radius * 2));
        Path2D shield = new Path2D.Double();
        shield.moveTo(256, 96);
        shield.lineTo(384, 144);
        shield.lineTo(384, 256);
        shield.curveTo(384, 336, 328, 392, 256, 424);
        shield.curveTo(184, 392, 128, 336, 128, 256);
        shield.lineTo(128, 144);
        shield.closePath();
        g.setColor(Color.WHITE);
        g.fill(shield);
        if (size <= 16) {
            g.setStroke(new BasicStroke(1f));
        }
        g.setColor(new Color(0x1f6feb));
        g.fill(new Ellipse2D.Double(256 - 36, 236 - 36, 72, 72));
        Path2D stem = new Path2D.Double();
        stem.moveTo(240, 256);
        stem.lineTo(272, 256);
        stem.lineTo(284, 336);
        stem.lineTo(228, 336);
        stem.closePath();
        g.fill(stem);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG-compressed images (Windows Vista+). */
    static byte[] ico(Map<Integer, byte[]> png, int... sizes) {
        int offset = 6 + 16 * sizes.length;
        int total = offset;
        for (int s : sizes) {
            total += png.get(s).length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int s : sizes) {
            byte[] data = png.get(s);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(data.length).putInt(offset);
            offset += data.length;
        }
        for (int s : sizes) {
            b.put(png.get(s));
        }
        return b.array();
    }

    /** ICNS with PNG entries: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512. */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (var e : types.entrySet()) {
            byte[] data = png.get(e.getValue());
            d.writeBytes(e.getKey());
            d.writeInt(8 + data.length);
            d.write(data);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }
}
