import { useEffect, useState } from 'react';

/** Loads an image URL into an HTMLImageElement for Konva; null while loading or on failure. */
export function useImage(url: string | null | undefined): HTMLImageElement | null {
  const [img, setImg] = useState<HTMLImageElement | null>(null);
  useEffect(() => {
    if (!url) {
      setImg(null);
      return;
    }
    let live = true;
    const el = new Image();
    el.onload = () => live && setImg(el);
    el.onerror = () => live && setImg(null);
    el.src = url;
    return () => {
      live = false;
    };
  }, [url]);
  return img;
}

/** A callback ref and the element's content size, kept current by a ResizeObserver. */
export function useElementSize<T extends HTMLElement>(): [(node: T | null) => void, { width: number; height: number }] {
  const [node, setNode] = useState<T | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!node) return;
    const ro = new ResizeObserver(([e]) => {
      if (e) setSize({ width: Math.floor(e.contentRect.width), height: Math.floor(e.contentRect.height) });
    });
    ro.observe(node);
    return () => ro.disconnect();
  }, [node]);
  return [setNode, size];
}
