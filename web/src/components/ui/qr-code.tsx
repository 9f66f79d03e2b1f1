import { useEffect, useState } from 'react';

/** The otpauth:// URL as a QR code to scan with an authenticator app (drawn locally; the secret never leaves the page). */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) => QR.toString(value, { type: 'svg', margin: 1, width: 220, errorCorrectionLevel: 'M' })).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [value]);
  if (!svg) return <p role="status">Drawing the QR code…</p>;
  return <img src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`} width={220} height={220} alt={label} data-testid="totp-qr" />;
}
