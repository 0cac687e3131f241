using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// An ML.NET LightGBM LambdaRank model over the matching features (schema
/// <see cref="CandidateFeatures.SchemaVersion"/>): trained on graded outcomes grouped by need,
/// it re-ranks the candidates retrieval found.
/// </summary>
public sealed class LightGbmRanker
{
    private static readonly int FeatureCount = CandidateFeatures.Names.Length;
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<Row, Prediction> _engine;
    private readonly object _engineLock = new();

    private LightGbmRanker(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
    }

    public static LightGbmRanker Train(IReadOnlyList<LabeledExample> examples, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(Row.From));
        var options = new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            RowGroupColumnName = "GroupKey",
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.08,
            NumberOfIterations = 150,
            Seed = seed,
            NumberOfThreads = 1,
            Silent = true,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(Row.GroupId))
            .Append(ml.Ranking.Trainers.LightGbm(options));
        return new LightGbmRanker(ml, pipeline.Fit(data));
    }

    /// <summary>Scores feature vectors; higher ranks first. Thread-safe.</summary>
    public double[] Score(IReadOnlyList<float[]> features)
    {
        var scores = new double[features.Count];
        lock (_engineLock)
        {
            var row = new Row { Features = new float[FeatureCount] };
            var prediction = new Prediction();
            for (var i = 0; i < features.Count; i++)
            {
                Array.Copy(features[i], row.Features, FeatureCount);
                _engine.Predict(row, ref prediction);
                scores[i] = prediction.Score;
            }
        }

        return scores;
    }

    public void Save(string path)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        _ml.Model.Save(_model, schema, path);
    }

    public static LightGbmRanker Load(string path)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(path, out _);
        return new LightGbmRanker(ml, model);
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public uint GroupId { get; set; }

        [VectorType(12)]
        public float[] Features { get; set; } = [];

        public static Row From(LabeledExample e) => new() { Label = e.Label, GroupId = (uint)e.NeedId, Features = e.Features };
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
