package com.conecta.hub.foundation.twofactor;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** Draws a QR code as a small SVG (one path of unit squares), so the browser shows it without any script. */
public final class QrCodeSvg {
  private QrCodeSvg() {}

  public static String of(String text) {
    try {
      BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
      StringBuilder path = new StringBuilder();
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++) {
          if (m.get(x, y)) {
            path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
          }
        }
      }
      return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
          + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
          + path + "\"/></svg>";
    } catch (WriterException e) {
      throw new IllegalStateException("QR code not drawn", e);
    }
  }
}
