using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using SkillsMatch.Engine.Matching;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// The real BM25 peer: Lucene.NET with <see cref="BM25Similarity"/> (k1 1.2, b 0.75), one
/// document per profile whose field holds its skill ids as whitespace-separated tokens, queried
/// with a BooleanQuery of SHOULD term queries. Used by the tests and the benchmarks only; the
/// production binary uses Lucene only for German word analysis (TermSearch), not its index. Compiled into both projects from this one file.
/// </summary>
public sealed class LucenePeer : IDisposable
{
    private const string SkillsField = "skills";
    private const string IdField = "id";
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly LuceneDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public LucenePeer(LuceneDirectory directory, IEnumerable<ClientProfile> profiles)
    {
        _directory = directory;
        using (var analyzer = new WhitespaceAnalyzer(Version))
        {
            // Log merges join adjacent segments only, so document order stays insertion order and
            // Lucene's tie-break (lower document first) is the lower client id, as in the engine.
            var config = new IndexWriterConfig(Version, analyzer)
            {
                Similarity = new BM25Similarity(),
                OpenMode = OpenMode.CREATE,
                MergePolicy = new LogByteSizeMergePolicy(),
                RAMBufferSizeMB = 256,
            };
            using var writer = new IndexWriter(directory, config);
            var skills = new TextField(SkillsField, "", Field.Store.NO);
            var id = new StoredField(IdField, 0);
            var document = new Document { skills, id };
            foreach (var profile in profiles)
            {
                skills.SetStringValue(string.Join(' ', profile.Skills.Select(s => s.SkillId).Distinct(StringComparer.Ordinal)));
                id.SetInt32Value(profile.Id);
                writer.AddDocument(document);
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public int Count => _reader.NumDocs;

    /// <summary>The best <paramref name="top"/> profiles for the skills, best first.</summary>
    public IReadOnlyList<(int ClientId, double Score)> Search(IEnumerable<string> skillIds, int top)
    {
        var query = new BooleanQuery();
        foreach (var skill in skillIds.Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(SkillsField, skill)), Occur.SHOULD);
        }

        return [.. _searcher.Search(query, top).ScoreDocs.Select(hit => (_searcher.Doc(hit.Doc).GetField(IdField).GetInt32Value() ?? -1, (double)hit.Score))];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
