/** The face parsing drawn over the photo (image pixels) when "Show face parsing" is on. */
import { Image as KImage } from 'react-konva';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { useImage } from './useImage';
import { parsingStore } from './parsing-state';

export function ParsingOverlay({ photo }: { photo: PhotoEntry }) {
  const show = useStore(parsingStore, (s) => s.show);
  const entry = useStore(parsingStore, (s) => s.byPhoto[photo.photoId]);
  const image = useImage(show && entry?.status === 'ready' ? entry.url : null);
  if (!show || !image) return null;
  return <KImage image={image} width={photo.width} height={photo.height} opacity={0.45} listening={false} name="parsing-overlay" />;
}
