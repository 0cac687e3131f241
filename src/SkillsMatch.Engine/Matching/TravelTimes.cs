using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Engine.Matching;

/// <summary>
/// Estimated door-to-door travel minutes between municipality centres: straight-line distance
/// times a road detour factor, at an average speed, plus a fixed start-up time. Public
/// transport is slower and has a longer fixed part (walk and wait). Estimates, not a router.
/// </summary>
public sealed class TravelTimes
{
    public const double DetourFactor = 1.3;
    public const double CarKmPerHour = 50;
    public const double CarFixedMinutes = 5;
    public const double TransitKmPerHour = 22;
    public const double TransitFixedMinutes = 15;

    private readonly Dictionary<string, int> _index;
    private readonly byte[] _car;
    private readonly byte[] _transit;
    private readonly int _count;

    public TravelTimes(RegionCatalog regions)
    {
        var municipalities = regions.Municipalities;
        _count = municipalities.Count;
        _index = municipalities.Select((m, i) => (m.Ags, i)).ToDictionary(p => p.Ags, p => p.i, StringComparer.Ordinal);
        _car = new byte[_count * _count];
        _transit = new byte[_count * _count];
        for (var a = 0; a < _count; a++)
        {
            for (var b = 0; b < _count; b++)
            {
                var km = DistanceKm(municipalities[a], municipalities[b]) * DetourFactor;
                _car[(a * _count) + b] = Clamp(CarFixedMinutes + (km / CarKmPerHour * 60));
                _transit[(a * _count) + b] = Clamp(TransitFixedMinutes + (km / TransitKmPerHour * 60));
            }
        }
    }

    public int Count => _count;

    /// <summary>The municipality's position in the matrix, or -1 when unknown.</summary>
    public int IndexOf(string ags) => _index.TryGetValue(ags, out var i) ? i : -1;

    public int Minutes(int from, int to, bool byCar) => (byCar ? _car : _transit)[(from * _count) + to];

    /// <summary>
    /// The one commute rule, for needs and courses alike: from home to the place (both known) in
    /// at most <paramref name="maxMinutes"/>, by car only with licence and car, else by public transport.
    /// </summary>
    public bool Reaches(int home, int place, bool licenceAndCar, int maxMinutes, out int minutes)
    {
        minutes = 0;
        if (home < 0 || place < 0)
        {
            return false;
        }

        minutes = Minutes(home, place, licenceAndCar);
        return minutes <= maxMinutes;
    }

    public static double DistanceKm(Municipality a, Municipality b)
    {
        const double earthRadiusKm = 6371;
        var dLat = ToRadians(b.Latitude - a.Latitude);
        var dLon = ToRadians(b.Longitude - a.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(ToRadians(a.Latitude)) * Math.Cos(ToRadians(b.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * earthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;

    private static byte Clamp(double minutes) => (byte)Math.Clamp(Math.Round(minutes), 0, 255);
}
