using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Engine.Matching;

/// <summary>
/// A compact in-memory snapshot of the active client profiles for matching: one slot per
/// client in parallel arrays, skills packed as <c>skillIndex &lt;&lt; 3 | level</c>, and inverted
/// postings skill → slots and occupation → slots. <see cref="With"/> applies changes to a copy
/// and leaves this index as it was, so an index that readers hold is never changed under them;
/// <see cref="Upsert"/> and <see cref="Remove"/> change one profile in place, for building an
/// index no reader holds yet.
/// </summary>
public sealed class CandidateIndex
{
    internal const int LevelBits = 3;
    internal const int LevelMask = (1 << LevelBits) - 1;
    private const byte Licence = 1;
    private const byte Car = 2;

    private readonly Dictionary<int, int> _slotOf;
    private readonly Stack<int> _freeSlots;

    // Posting lists this index may change in place; null when it shares none with another index.
    private HashSet<PostingList>? _owned;
    private readonly Dictionary<string, int> _certificateBits;
    private readonly Dictionary<string, int> _languageIndex;

    private int _slots;
    internal int[] ClientIds = [];
    internal int[][] Skills = [];
    internal int[][] Experience = [];
    internal int[][] Languages = [];
    internal ulong[] Certificates = [];
    internal int[] AvailableFrom = [];
    internal byte[] Hours = [];
    internal short[] MaxCommute = [];
    internal short[] Home = [];
    internal byte[] Mobility = [];
    internal bool[] Active = [];
    internal readonly PostingList[] SkillPostings;
    internal readonly PostingList[] OccupationPostings;

    public CandidateIndex(ReferenceData reference)
    {
        Reference = reference;
        Travel = new TravelTimes(reference.Regions);
        var certificates = reference.Vocabulary.Certificates;
        if (certificates.Count > 64)
        {
            throw new InvalidOperationException($"The candidate index holds up to 64 certificate kinds; the vocabulary has {certificates.Count}.");
        }

        _certificateBits = certificates.Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);
        _languageIndex = reference.Vocabulary.Languages.Select((l, i) => (l.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.OrdinalIgnoreCase);
        SkillPostings = new PostingList[reference.Taxonomy.Skills.Count];
        OccupationPostings = new PostingList[reference.Taxonomy.Occupations.Count];
        _slotOf = [];
        _freeSlots = new();
    }

    /// <summary>A copy sharing the per-profile arrays and the posting lists with <paramref name="source"/>, which it copies before changing.</summary>
    private CandidateIndex(CandidateIndex source)
    {
        Reference = source.Reference;
        Travel = source.Travel;
        _graph = source.Graph;
        _certificateBits = source._certificateBits;
        _languageIndex = source._languageIndex;
        _slotOf = new Dictionary<int, int>(source._slotOf);
        _freeSlots = new Stack<int>(source._freeSlots.Reverse());
        _slots = source._slots;
        ClientIds = (int[])source.ClientIds.Clone();
        Skills = (int[][])source.Skills.Clone();
        Experience = (int[][])source.Experience.Clone();
        Languages = (int[][])source.Languages.Clone();
        Certificates = (ulong[])source.Certificates.Clone();
        AvailableFrom = (int[])source.AvailableFrom.Clone();
        Hours = (byte[])source.Hours.Clone();
        MaxCommute = (short[])source.MaxCommute.Clone();
        Home = (short[])source.Home.Clone();
        Mobility = (byte[])source.Mobility.Clone();
        Active = (bool[])source.Active.Clone();
        SkillPostings = (PostingList[])source.SkillPostings.Clone();
        OccupationPostings = (PostingList[])source.OccupationPostings.Clone();
        _owned = new HashSet<PostingList>(ReferenceEqualityComparer.Instance);
    }

    public ReferenceData Reference { get; }

    internal SkillGraph Graph => _graph ??= new SkillGraph(Reference.Taxonomy);

    private SkillGraph? _graph;

    public TravelTimes Travel { get; }

    /// <summary>The number of profiles in the index.</summary>
    public int Count => _slotOf.Count;

    internal int SlotCount => _slots;

    internal bool TryGetSlot(int clientId, out int slot) => _slotOf.TryGetValue(clientId, out slot);

    public static CandidateIndex Build(ReferenceData reference, IEnumerable<ClientProfile> profiles)
    {
        var index = new CandidateIndex(reference);
        foreach (var profile in profiles)
        {
            index.Upsert(profile);
        }

        return index;
    }

    /// <summary>
    /// A new index with the profiles removed and then the upserts applied; this index stays as it
    /// was. The per-profile arrays are copied (a few bytes per profile), posting lists only where
    /// a changed profile is posted; profiles share their packed arrays.
    /// </summary>
    public CandidateIndex With(IEnumerable<ClientProfile> upserts, IEnumerable<int> removals)
    {
        // From now on this index shares its posting lists too, so it must not change them in place either.
        _owned = new HashSet<PostingList>(ReferenceEqualityComparer.Instance);
        var next = new CandidateIndex(this);
        foreach (var id in removals)
        {
            next.Remove(id);
        }

        foreach (var profile in upserts)
        {
            next.Upsert(profile);
        }

        return next;
    }

    /// <summary>Adds a profile or replaces the one with the same id, in place. Unknown skills, occupations and codes are ignored.</summary>
    public void Upsert(ClientProfile profile)
    {
        if (_slotOf.TryGetValue(profile.Id, out var slot))
        {
            Unpost(slot);
        }
        else
        {
            slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _slots++;
            EnsureCapacity(slot + 1);
            _slotOf[profile.Id] = slot;
        }

        Write(slot, profile);
        Post(slot);
    }

    /// <summary>Removes a profile in place; false when it is not in the index.</summary>
    public bool Remove(int clientId)
    {
        if (!_slotOf.Remove(clientId, out var slot))
        {
            return false;
        }

        Unpost(slot);
        Active[slot] = false;
        Skills[slot] = [];
        Experience[slot] = [];
        Languages[slot] = [];
        _freeSlots.Push(slot);
        return true;
    }

    /// <summary>Approximate bytes held by the index (arrays and postings, not the reference data).</summary>
    public long EstimateBytes()
    {
        const int arrayHeader = 24;
        long bytes = ClientIds.Length * (4L + 8 + 8 + 8 + 8 + 4 + 1 + 2 + 2 + 1 + 1);
        for (var slot = 0; slot < _slots; slot++)
        {
            bytes += arrayHeader + (Skills[slot].Length * 4L);
            bytes += Experience[slot].Length == 0 ? 0 : arrayHeader + (Experience[slot].Length * 4L);
            bytes += Languages[slot].Length == 0 ? 0 : arrayHeader + (Languages[slot].Length * 4L);
        }

        foreach (var postings in SkillPostings.Concat(OccupationPostings))
        {
            bytes += postings is null ? 0 : (2 * arrayHeader) + (postings.Capacity * 5L);
        }

        return bytes + (_slotOf.Count * 24L);
    }

    /// <summary>A canonical text of the index content, independent of slot order and posting order; for tests.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        foreach (var (id, slot) in _slotOf.OrderBy(p => p.Key))
        {
            lines.Add($"{id}|{string.Join(',', Skills[slot])}|{string.Join(',', Experience[slot])}|{string.Join(',', Languages[slot])}|" +
                $"{Certificates[slot]}|{AvailableFrom[slot]}|{Hours[slot]}|{MaxCommute[slot]}|{Home[slot]}|{Mobility[slot]}");
        }

        for (var s = 0; s < SkillPostings.Length; s++)
        {
            if (SkillPostings[s] is { Count: > 0 } p)
            {
                lines.Add($"skill {s}: {string.Join(',', p.Entries().Select(e => (ClientIds[e.Slot], e.Level)).Order())}");
            }
        }

        for (var o = 0; o < OccupationPostings.Length; o++)
        {
            if (OccupationPostings[o] is { Count: > 0 } p)
            {
                lines.Add($"occupation {o}: {string.Join(',', p.Entries().Select(e => ClientIds[e.Slot]).Order())}");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>The profile in a slot, rebuilt from its packed form (for training plans of the few rescored clients).</summary>
    internal ClientProfile ProfileOf(int slot)
    {
        var taxonomy = Reference.Taxonomy;
        var certificates = Reference.Vocabulary.Certificates;
        var languages = Reference.Vocabulary.Languages;
        return new ClientProfile(
            ClientIds[slot],
            [.. Skills[slot].Select(p => new SkillLevel(taxonomy.Skills[p >> LevelBits].Id, p & LevelMask))],
            [.. Enumerable.Range(0, certificates.Count).Where(bit => (Certificates[slot] & (1UL << bit)) != 0).Select(bit => certificates[bit].Code)],
            [.. Languages[slot].Select(p => new LanguageLevel(languages[p >> 4].Code, p & 0xF))],
            [.. Experience[slot].Select(p => new Experience(taxonomy.Occupations[p >> 8].Id, (p & 0xFF) / 4.0))],
            DateOnly.FromDayNumber(AvailableFrom[slot]),
            Hours[slot],
            (Mobility[slot] & Licence) != 0,
            (Mobility[slot] & Car) != 0,
            MaxCommute[slot],
            Reference.Regions.Municipalities[Home[slot]].Ags);
    }

    internal int CertificateBit(string code) => _certificateBits.TryGetValue(code, out var bit) ? bit : -1;

    internal int LanguageIndex(string code) => _languageIndex.TryGetValue(code, out var i) ? i : -1;

    /// <summary>The client's level of a skill (0 when absent), by binary search in the packed, sorted list.</summary>
    internal static int LevelOf(int[] packedSkills, int skill)
    {
        int lo = 0, hi = packedSkills.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = packedSkills[mid] >> LevelBits;
            if (s == skill)
            {
                return packedSkills[mid] & LevelMask;
            }

            if (s < skill)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return 0;
    }

    internal int LanguageLevelOf(int slot, int language)
    {
        foreach (var packed in Languages[slot])
        {
            if (packed >> 4 == language)
            {
                return packed & 0xF;
            }
        }

        return 0;
    }

    internal bool HasCar(int slot) => (Mobility[slot] & (Licence | Car)) == (Licence | Car);

    private void Write(int slot, ClientProfile profile)
    {
        var taxonomy = Reference.Taxonomy;
        var skills = new List<int>(profile.Skills.Count);
        foreach (var skill in profile.Skills)
        {
            if (taxonomy.FindSkill(skill.SkillId) is { } s && skills.TrueForAll(p => p >> LevelBits != s.Index))
            {
                skills.Add((s.Index << LevelBits) | Math.Clamp(skill.Level, 1, 4));
            }
        }

        skills.Sort();
        var experience = new List<int>();
        foreach (var past in profile.PastOccupations)
        {
            if (taxonomy.FindOccupation(past.OccupationId) is { } o)
            {
                // Quarter years, up to 63.75 years, in the low byte.
                experience.Add((o.Index << 8) | (int)Math.Clamp(Math.Round(past.Years * 4), 0, 255));
            }
        }

        experience.Sort();
        var languages = new List<int>();
        foreach (var language in profile.Languages)
        {
            var i = LanguageIndex(language.Code);
            if (i >= 0)
            {
                languages.Add((i << 4) | Math.Clamp(language.Level, 0, 6));
            }
        }

        ulong certificates = 0;
        foreach (var code in profile.Certificates)
        {
            var bit = CertificateBit(code);
            if (bit >= 0)
            {
                certificates |= 1UL << bit;
            }
        }

        ClientIds[slot] = profile.Id;
        Skills[slot] = [.. skills];
        Experience[slot] = experience.Count == 0 ? [] : [.. experience];
        Languages[slot] = languages.Count == 0 ? [] : [.. languages];
        Certificates[slot] = certificates;
        AvailableFrom[slot] = profile.AvailableFrom.DayNumber;
        Hours[slot] = (byte)Math.Clamp(profile.HoursPerWeek, 0, 255);
        MaxCommute[slot] = (short)Math.Clamp(profile.MaxCommuteMinutes, 0, short.MaxValue);
        Home[slot] = (short)Travel.IndexOf(profile.HomeMunicipalityAgs);
        Mobility[slot] = (byte)((profile.DrivingLicence ? Licence : 0) | (profile.HasCar ? Car : 0));
        Active[slot] = Home[slot] >= 0;
    }

    private void Post(int slot)
    {
        if (!Active[slot])
        {
            return;
        }

        foreach (var packed in Skills[slot])
        {
            Writable(SkillPostings, packed >> LevelBits).Add(slot, (byte)(packed & LevelMask));
        }

        foreach (var packed in Experience[slot])
        {
            Writable(OccupationPostings, packed >> 8).Add(slot, (byte)(packed & 0xFF));
        }
    }

    private void Unpost(int slot)
    {
        if (!Active[slot])
        {
            return;
        }

        foreach (var packed in Skills[slot])
        {
            Writable(SkillPostings, packed >> LevelBits).Remove(slot);
        }

        foreach (var packed in Experience[slot])
        {
            Writable(OccupationPostings, packed >> 8).Remove(slot);
        }
    }

    /// <summary>The posting list at <paramref name="i"/>, copied first when another index shares it.</summary>
    private PostingList Writable(PostingList[] postings, int i)
    {
        var list = postings[i];
        if (list is null)
        {
            list = postings[i] = new PostingList();
            _owned?.Add(list);
        }
        else if (_owned is not null && !_owned.Contains(list))
        {
            list = postings[i] = list.Clone();
            _owned.Add(list);
        }

        return list;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= ClientIds.Length)
        {
            return;
        }

        var capacity = Math.Max(size, Math.Max(16, ClientIds.Length * 2));
        Array.Resize(ref ClientIds, capacity);
        Array.Resize(ref Skills, capacity);
        Array.Resize(ref Experience, capacity);
        Array.Resize(ref Languages, capacity);
        Array.Resize(ref Certificates, capacity);
        Array.Resize(ref AvailableFrom, capacity);
        Array.Resize(ref Hours, capacity);
        Array.Resize(ref MaxCommute, capacity);
        Array.Resize(ref Home, capacity);
        Array.Resize(ref Mobility, capacity);
        Array.Resize(ref Active, capacity);
    }
}

/// <summary>The slots holding one skill (or occupation), with the level (or quarter years) each has.</summary>
internal sealed class PostingList
{
    private int[] _slots = new int[4];
    private byte[] _values = new byte[4];

    public int Count { get; private set; }

    public int Capacity => _slots.Length;

    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);

    public ReadOnlySpan<byte> Values => _values.AsSpan(0, Count);

    public void Add(int slot, byte value)
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _slots[Count] = slot;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Swap-remove: postings are a set, their order carries no meaning.</summary>
    public void Remove(int slot)
    {
        var i = Array.IndexOf(_slots, slot, 0, Count);
        if (i < 0)
        {
            return;
        }

        Count--;
        _slots[i] = _slots[Count];
        _values[i] = _values[Count];
    }

    public PostingList Clone() => new() { _slots = (int[])_slots.Clone(), _values = (byte[])_values.Clone(), Count = Count };

    public IEnumerable<(int Slot, byte Level)> Entries()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return (_slots[i], _values[i]);
        }
    }
}
