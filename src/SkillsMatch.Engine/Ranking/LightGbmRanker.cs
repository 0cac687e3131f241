using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using SkillsMatch.Engine.Matching;

namespace SkillsMatch.Engine.Ranking;

/// <summary>
/// An ML.NET LightGBM LambdaRank model over the matching features (schema
/// <see cref="CandidateFeatures.SchemaVersion"/>), trained on graded rows grouped by the list
/// they were shown in; served only through <see cref="ScoreMonotone"/> as a bounded correction of
/// the heuristic (<see cref="Ranker"/>).
/// </summary>
public sealed class LightGbmRanker
{
    private static readonly int FeatureCount = CandidateFeatures.Count;
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<Row, Prediction> _engine;
    private readonly object _engineLock = new();

    private readonly CompiledTrees? _trees;

    private LightGbmRanker(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        _trees = CompiledTrees.From(model);
    }

    /// <summary>True when scoring walks the model's trees directly instead of going through an ML.NET prediction engine.</summary>
    public bool UsesCompiledTrees => _trees is not null;

    /// <summary>Trees and split nodes of the compiled ensemble (0 when not compiled).</summary>
    public (int Trees, int Nodes) Size => _trees?.Size ?? (0, 0);

    public static LightGbmRanker Train(IReadOnlyList<LabeledExample> examples, int seed = 1)
    {
        var ml = new MLContext(seed);
        // LightGBM reads a group's rows as one contiguous run: one group per list shown (or per need without lists).
        var data = ml.Data.LoadFromEnumerable(examples.OrderBy(e => e.GroupKey).Select(Row.From));
        var options = new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            RowGroupColumnName = "GroupKey",
            ExampleWeightColumnName = nameof(Row.Weight),
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.12,
            // 100 trees of at most 15 leaves and depth 5: small trees keep the monotone walk short
            // (docs/benchmarks.md) and the correction is bounded anyway.
            NumberOfIterations = 100,
            Seed = seed,
            NumberOfThreads = 1,

            Booster = new GradientBooster.Options { MaximumTreeDepth = 5 },
            Silent = true,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(Row.GroupId))
            .Append(ml.Ranking.Trainers.LightGbm(options));
        return new LightGbmRanker(ml, pipeline.Fit(data));
    }

    /// <summary>The raw scores of the trees, as LightGBM computes them (not monotone; for tests and comparisons). Thread-safe.</summary>
    public double[] Score(IReadOnlyList<float[]> features)
    {
        if (_trees is null)
        {
            return ScoreWithPredictionEngine(features);
        }

        var result = new double[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            result[i] = _trees.Raw(features[i]);
        }

        return result;
    }

    /// <summary>
    /// The model made monotone by construction (ML.NET's LightGBM options expose no monotone
    /// constraints): each tree scores the best leaf any candidate no better than this one in every
    /// feature of <see cref="CandidateFeatures.Directions"/> could reach, so a candidate better in
    /// one direction can never score lower. Equals <see cref="Score"/> wherever the trees are
    /// already monotone. <paramref name="contributions"/>, when given (one per feature), receives
    /// each feature's share of the score along the chosen leaves' paths (relative to the trees'
    /// mean leaf values). Thread-safe.
    /// </summary>
    public double ScoreMonotone(ReadOnlySpan<float> features, Span<double> contributions = default) =>
        _trees?.Monotone(features, contributions) ?? throw new InvalidOperationException("The model has no numeric tree ensemble to make monotone.");

    /// <summary>The same scores through ML.NET's own prediction engine: the reference the compiled trees are tested against.</summary>
    public double[] ScoreWithPredictionEngine(IReadOnlyList<float[]> features)
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

    public void Save(Stream stream)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        _ml.Model.Save(_model, schema, stream);
    }

    public static LightGbmRanker Load(Stream stream)
    {
        var ml = new MLContext(1);
        var model = ml.Model.Load(stream, out _);
        return new LightGbmRanker(ml, model);
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

        public float Weight { get; set; } = 1;

        [VectorType(14)]
        public float[] Features { get; set; } = [];

        public static Row From(LabeledExample e) => new() { Label = e.Label, GroupId = e.Group != 0 ? 0x8000_0000u | (uint)e.Group : (uint)e.NeedId, Weight = e.Weight, Features = e.Features };
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>
    /// The LightGBM ensemble as plain arrays per tree: a split's feature, threshold and children (a
    /// negative child is <c>~leaf</c>), weighted leaf values, each split's mean leaf value and the
    /// parents, for walking without an ML.NET pipeline per candidate.
    /// </summary>
    private sealed class CompiledTrees(CompiledTrees.Tree[] trees, double bias)
    {
        public (int Trees, int Nodes) Size => (trees.Length, trees.Sum(t => t.Feature.Length));

        public static CompiledTrees? From(ITransformer model)
        {
            var last = model is IEnumerable<ITransformer> chain ? chain.Last() : model;
            if (last is not ISingleFeaturePredictionTransformer<object> { Model: Microsoft.ML.Trainers.FastTree.TreeEnsembleModelParametersBasedOnRegressionTree parameters })
            {
                return null;
            }

            var ensemble = parameters.TrainedTreeEnsemble;
            return ensemble.Trees.Any(t => t.CategoricalSplitFlags.Any(f => f))
                ? null
                : new CompiledTrees([.. ensemble.Trees.Select((tree, t) => ToTree(tree, ensemble.TreeWeights[t]))], ensemble.Bias);
        }

        public double Raw(ReadOnlySpan<float> x)
        {
            var score = bias;
            foreach (var tree in trees)
            {
                var node = tree.Feature.Length == 0 ? ~0 : 0;
                while (node >= 0)
                {
                    node = x[tree.Feature[node]] > tree.Threshold[node] ? tree.Right[node] : tree.Left[node];
                }

                score += tree.Leaf[~node];
            }

            return score;
        }

        public double Monotone(ReadOnlySpan<float> x, Span<double> contributions)
        {
            var score = bias;
            var explain = contributions.Length > 0;
            if (explain)
            {
                contributions.Clear();
            }

            foreach (var tree in trees)
            {
                var leaf = tree.Feature.Length == 0 ? 0 : BestLeaf(tree, 0, x);
                score += tree.Leaf[leaf];
                if (!explain)
                {
                    continue;
                }

                // Saabas: each split on the path to the leaf moves the expected value from the
                // parent's mean to the child's; that move is the split feature's contribution.
                var childMean = tree.Leaf[leaf];
                var node = tree.LeafParent[leaf];
                while (node >= 0)
                {
                    contributions[tree.Feature[node]] += childMean - tree.Mean[node];
                    childMean = tree.Mean[node];
                    node = tree.Parent[node];
                }
            }

            return score;
        }

        /// <summary>The highest leaf reachable by some y with y worse than or equal to x in every directed feature and equal in the others.</summary>
        private static int BestLeaf(Tree tree, int node, ReadOnlySpan<float> x)
        {
            if (node < 0)
            {
                return ~node;
            }

            var feature = tree.Feature[node];
            var right = x[feature] > tree.Threshold[node];
            var direction = CandidateFeatures.Directions[feature];

            // Higher is better: y may go down to the left branch too. Lower is better: y may go up to the right.
            var both = (direction > 0 && right) || (direction < 0 && !right);
            if (!both)
            {
                return BestLeaf(tree, right ? tree.Right[node] : tree.Left[node], x);
            }

            var left = BestLeaf(tree, tree.Left[node], x);
            var other = BestLeaf(tree, tree.Right[node], x);
            return tree.Leaf[other] > tree.Leaf[left] ? other : left;
        }

        private static Tree ToTree(Microsoft.ML.Trainers.FastTree.RegressionTree tree, double weight)
        {
            var splits = tree.LeftChild.Count;
            var leaf = tree.LeafValues.Select(v => weight * v).ToArray();
            var parent = new int[splits];
            var leafParent = new int[leaf.Length];
            parent.AsSpan().Fill(-1);
            leafParent.AsSpan().Fill(-1);
            for (var n = 0; n < splits; n++)
            {
                foreach (var child in new[] { tree.LeftChild[n], tree.RightChild[n] })
                {
                    if (child >= 0)
                    {
                        parent[child] = n;
                    }
                    else
                    {
                        leafParent[~child] = n;
                    }
                }
            }

            var mean = new double[splits];
            (double Sum, int Count) Walk(int node)
            {
                if (node < 0)
                {
                    return (leaf[~node], 1);
                }

                var (ls, lc) = Walk(tree.LeftChild[node]);
                var (rs, rc) = Walk(tree.RightChild[node]);
                mean[node] = (ls + rs) / (lc + rc);
                return (ls + rs, lc + rc);
            }

            if (splits > 0)
            {
                Walk(0);
            }

            return new Tree([.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds], [.. tree.LeftChild], [.. tree.RightChild], leaf, mean, parent, leafParent);
        }

        internal sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Leaf, double[] Mean, int[] Parent, int[] LeafParent);
    }
}
