
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Node": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Position": [
      "Level",
      "Role",
      "Specialization"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Entity": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Node": [
      "Level",
      "Responsibility",
      "Role",
      "Skill",
      "Specialization",
      "Team"
    ],
    "Position": [
      "Level",
      "Role",
      "Specialization"
    ]
  }
};
      export default result;
    