import { describe, expect, it } from 'vitest';
import { readMetadata } from '../../../utils/article/metadata.ts';
import { parsePage } from '../helpers/fixtures.ts';

describe('readMetadata', () => {
  it('finds a NewsArticle inside @graph, next to broken JSON-LD', () => {
    const doc = parsePage(
      `<html lang="ar"><head><title>عنوان | الموقع</title>
      <script type="application/ld+json">{ "broken": , }</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"الموقع"},
        {"@type":["ReportageNewsArticle"],"headline":"العنوان الحقيقي","datePublished":"2024-03-01T10:00:00Z",
         "author":[{"@type":"Person","name":"سارة"},{"@type":"Person","name":"علي"}],"image":{"url":"https://x.test/a.jpg"}}]}</script>
      </head><body></body></html>`,
      'https://x.test/a',
    );
    const meta = readMetadata(doc);
    expect(meta).toMatchObject({
      title: 'العنوان الحقيقي',
      byline: 'سارة، علي',
      publishedTime: '2024-03-01T10:00:00Z',
      image: 'https://x.test/a.jpg',
      siteName: 'الموقع',
      lang: 'ar',
      hasArticleLd: true,
    });
  });

  it('falls back to Open Graph and article:* tags', () => {
    const doc = parsePage(
      `<head><meta property="og:title" content="OG title"><meta property="og:type" content="article">
       <meta property="article:published_time" content="2020-01-02"><meta property="og:site_name" content="Site"></head>`,
      'https://x.test/b',
    );
    expect(readMetadata(doc)).toMatchObject({
      title: 'OG title',
      ogType: 'article',
      publishedTime: '2020-01-02',
      siteName: 'Site',
      hasArticleLd: false,
    });
  });
});
