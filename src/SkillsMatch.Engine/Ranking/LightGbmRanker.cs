using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
            // 100 trees of at most 15 leaves and depth 5: on the sample outcomes NDCG@10 0.928 against
            // 0.930 with 150 deeper trees, while re-ranking 1,000 candidates takes about 1 ms, not 4
            // (docs/benchmarks.md).
            NumberOfIterations = 100,
            Seed = seed,
            NumberOfThreads = 1,

            // Shallow trees: re-ranking walks each of them a fixed number of steps per candidate.
            Booster = new GradientBooster.Options { MaximumTreeDepth = 5 },
            Silent = true,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(Row.GroupId))
            .Append(ml.Ranking.Trainers.LightGbm(options));
        return new LightGbmRanker(ml, pipeline.Fit(data));
    }

    /// <summary>Scores feature vectors; higher ranks first. Thread-safe.</summary>
    public double[] Score(IReadOnlyList<float[]> features)
    {
        if (_trees is not null)
        {
            var result = new double[features.Count];
            _trees.Score(features, result);
            return result;
        }

        return ScoreWithPredictionEngine(features);
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
    /// The LightGBM ensemble as flat arrays: a node's split feature and threshold, its children
    /// (a negative child is <c>~leaf</c>), leaf values, tree weights and bias. Walking them costs a
    /// few comparisons per tree, no allocation and no ML.NET pipeline per candidate.
    /// </summary>
    private sealed class CompiledTrees
    {
        private const int Block = 16;
        private readonly Split[] _splits;
        private readonly double[] _leafValue;
        private readonly int[] _treeBase;
        private readonly int[] _treeLeafBase;
        private readonly int[] _depth;
        private readonly double _bias;

        private CompiledTrees(int[] feature, float[] threshold, int[] children, double[] leafValue, int[] treeBase, int[] treeLeafBase, int[] depth, double bias)
        {
            _splits = new Split[feature.Length];
            for (var i = 0; i < feature.Length; i++)
            {
                _splits[i] = new Split { Feature = feature[i], Threshold = threshold[i], Left = children[2 * i], Right = children[(2 * i) + 1] };
            }

            _leafValue = leafValue;
            _treeBase = treeBase;
            _treeLeafBase = treeLeafBase;
            _depth = depth;
            _bias = bias;
        }

        public (int Trees, int Nodes) Size => (_treeBase.Length, _splits.Length);

        /// <summary>Per tree: split features, thresholds, children (negative: <c>~leaf</c>), weighted leaf values, each node's mean leaf value, parents.</summary>
        private Tree[] _walkable = [];

        private sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Leaf, double[] Mean, double[] LeafMean, int[] Parent, int[] LeafParent);

        public double Monotone(ReadOnlySpan<float> x, Span<double> contributions)
        {
            var score = _bias;
            var explain = contributions.Length > 0;
            if (explain)
            {
                contributions.Clear();
            }

            foreach (var tree in _walkable)
            {
                if (tree.Feature.Length == 0)
                {
                    score += tree.Leaf[0];
                    continue;
                }

                var leaf = BestLeaf(tree, 0, x);
                score += tree.Leaf[leaf];
                if (!explain)
                {
                    continue;
                }

                // Saabas: each split on the path to the leaf moves the expected value from the
                // parent's mean to the child's; that move is the split feature's contribution.
                var childMean = tree.LeafMean[leaf];
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

            return new Tree([.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds], [.. tree.LeftChild], [.. tree.RightChild], leaf, mean, leaf, parent, leafParent);
        }

        /// <summary>
        /// Every tree becomes a table of nodes in one array: its splits, then its leaves as nodes
        /// that lead to themselves. A walk of exactly the tree's depth then ends on the leaf with
        /// no branch at all, and several candidates walk side by side.
        /// </summary>
        public static CompiledTrees? From(ITransformer model)
        {
            var last = model is IEnumerable<ITransformer> chain ? chain.Last() : model;
            if (last is not ISingleFeaturePredictionTransformer<object> { Model: Microsoft.ML.Trainers.FastTree.TreeEnsembleModelParametersBasedOnRegressionTree parameters })
            {
                return null;
            }

            var ensemble = parameters.TrainedTreeEnsemble;
            var trees = ensemble.Trees;
            if (trees.Any(t => t.CategoricalSplitFlags.Any(f => f)))
            {
                return null;
            }

            var feature = new List<int>();
            var threshold = new List<float>();
            var children = new List<int>();
            var leafValue = new List<double>();
            var treeBase = new int[trees.Count];
            var treeLeafBase = new int[trees.Count];
            var depth = new int[trees.Count];
            for (var t = 0; t < trees.Count; t++)
            {
                var tree = trees[t];
                var splits = tree.LeftChild.Count;
                var weight = ensemble.TreeWeights[t];
                treeBase[t] = feature.Count;
                treeLeafBase[t] = feature.Count + splits;
                int Target(int child) => child >= 0 ? child : splits + ~child;
                for (var n = 0; n < splits; n++)
                {
                    feature.Add(tree.NumericalSplitFeatureIndexes[n]);
                    threshold.Add(tree.NumericalSplitThresholds[n]);
                    children.Add(Target(tree.LeftChild[n]));
                    children.Add(Target(tree.RightChild[n]));
                }

                for (var leaf = 0; leaf < tree.LeafValues.Count; leaf++)
                {
                    feature.Add(0);
                    threshold.Add(float.PositiveInfinity);
                    children.Add(splits + leaf);
                    children.Add(splits + leaf);
                    leafValue.Add(weight * tree.LeafValues[leaf]);
                }

                depth[t] = splits == 0 ? 0 : Depth(tree, 0);
            }

            // Leaf values are indexed by node position; pad split positions with zeros.
            var values = new double[feature.Count];
            var next = 0;
            for (var t = 0; t < trees.Count; t++)
            {
                var end = t + 1 < trees.Count ? treeBase[t + 1] : feature.Count;
                for (var i = treeLeafBase[t]; i < end; i++)
                {
                    values[i] = leafValue[next++];
                }
            }

            return new CompiledTrees([.. feature], [.. threshold], [.. children], values, treeBase, treeLeafBase, depth, ensemble.Bias)
            {
                _walkable = [.. trees.Select((tree, t) => ToTree(tree, ensemble.TreeWeights[t]))],
            };
        }

        private static int Depth(Microsoft.ML.Trainers.FastTree.RegressionTree tree, int node)
        {
            int Side(int child) => child < 0 ? 1 : 1 + Depth(tree, child);
            return Math.Max(Side(tree.LeftChild[node]), Side(tree.RightChild[node]));
        }

        public void Score(IReadOnlyList<float[]> features, double[] scores)
        {
            var width = FeatureCount;
            Span<float> block = stackalloc float[Block * width];
            Span<int> node = stackalloc int[Block];
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
            for (var from = 0; from < features.Count; from += Block)
            {
                var count = Math.Min(Block, features.Count - from);
                for (var j = 0; j < count; j++)
                {
                    features[from + j].AsSpan(0, width).CopyTo(block[(j * width)..]);
                    scores[from + j] = _bias;
                }

                ref var values = ref MemoryMarshal.GetReference(block);
                for (var t = 0; t < _treeBase.Length; t++)
                {
                    var root = _treeBase[t];
                    node[..count].Fill(root);
                    for (var d = 0; d < _depth[t]; d++)
                    {
                        for (var j = 0; j < count; j++)
                        {
                            ref var split = ref Unsafe.Add(ref splits, node[j]);
                            var right = Unsafe.Add(ref values, (j * width) + split.Feature) > split.Threshold;
                            node[j] = root + Unsafe.Add(ref split.Left, Unsafe.As<bool, byte>(ref right));
                        }
                    }

                    for (var j = 0; j < count; j++)
                    {
                        scores[from + j] += _leafValue[node[j]];
                    }
                }
            }
        }

        /// <summary>A split and its two children side by side (16 bytes); a leaf is a split that leads to itself.</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct Split
        {
            public int Feature;
            public float Threshold;
            public int Left;
            public int Right;
        }
    }
}
