using System.Text;
using NodeAgent.Core.Deidentification;
using NodeAgent.Dicom;

namespace NodeAgent.Core.Tests.Deidentification;

/// <summary>A site secret, engines and a synthetic patient for the de-identification tests.</summary>
internal static class DeidentificationFixtures
{
    public const string PatientId = "PID-7731-XQ";
    public const string Issuer = "HOSPITAL-A";
    public const string FamilyName = "Doejohnson";
    public const string GivenName = "Marguerite";
    public const string BirthDate = "19790312";
    public const string StudyDate = "20240615";
    public const string StudyUid = "1.2.826.0.1.3680043.9.7731.1";
    public const string SeriesUid = "1.2.826.0.1.3680043.9.7731.1.2";
    public const string InstanceUid = "1.2.826.0.1.3680043.9.7731.1.2.3";
    public const string FrameOfReferenceUid = "1.2.826.0.1.3680043.9.7731.1.4";
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static byte[] Secret { get; } = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");

    public static Pseudonyms Site { get; } = new(Secret, "TST-");

    public static Deidentifier Engine(DeidentificationOptions? options = null) =>
        new(options ?? DeidentificationOptions.Default, Site);

    /// <summary>A small CT header of one patient, with the attributes most tests look at.</summary>
    public static DicomDataset Patient(string patientId = PatientId, string instanceUid = InstanceUid)
    {
        var dataset = new DicomDataset();
        dataset.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        dataset.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage);
        dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, instanceUid);
        dataset.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, StudyDate);
        dataset.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "101530");
        dataset.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "ACC99812");
        dataset.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CT");
        dataset.AddOrUpdate(DicomTags.Manufacturer, DicomVR.LO, "ACME");
        dataset.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "St Elsewhere General");
        dataset.AddOrUpdate(DicomTags.ReferringPhysicianName, DicomVR.PN, "Kildare^James");
        dataset.AddOrUpdate(DicomTags.StationName, DicomVR.SH, "CT01");
        dataset.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, $"CT CHEST {FamilyName} 2024-06-15");
        dataset.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, $"{FamilyName}^{GivenName}");
        dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        dataset.AddOrUpdate(DicomTags.IssuerOfPatientID, DicomVR.LO, Issuer);
        dataset.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, BirthDate);
        dataset.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "F");
        dataset.AddOrUpdate(DicomTags.PatientAddress, DicomVR.LO, "12 Harbour Road, Springfield");
        dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, StudyUid);
        dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, SeriesUid);
        dataset.AddOrUpdate(DicomTags.FrameOfReferenceUID, DicomVR.UI, FrameOfReferenceUid);
        return dataset;
    }

    /// <summary>A sequence of one item holding <paramref name="item"/>.</summary>
    public static DicomSequence Sequence(DicomTag tag, DicomDataset item) => new(tag, item);
}
